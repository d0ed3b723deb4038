using Vbrick.Exporter.Aggregation.Census;
using Vbrick.Exporter.Rev;

namespace Vbrick.Exporter.Polling;

/// <summary>
/// An event's census candidates for the planner: the most overdue value to count (a zone against
/// <c>Polling:ZoneCensusInterval</c>, a stream type or browser against
/// <c>Polling:DimensionCensusInterval</c>; a value never counted first), the search that would settle
/// Rev's match rule for a value that waits on it, and its suspect zone's census value. Pure.
/// </summary>
internal static class CensusPlanning
{
    /// <summary>A value whose page proved nothing is tried again only after this many targets, unless the evidence changed.</summary>
    public const int UncountedRetryTargets = 3;

    /// <summary>
    /// A stream type or browser never counted outranks a zone's re-count only until the zone is this
    /// many targets old: the per-office head count, the headline, never goes much past twice its
    /// target age because of a secondary first count.
    /// </summary>
    public const double SecondaryFirstCountCap = 1.6;

    /// <summary>A probe of one value is not repeated sooner: the evidence it looks for changes slowly.</summary>
    public static readonly TimeSpan ProbeInterval = TimeSpan.FromMinutes(10);

    /// <summary>How far above its floor a zone count's target sits: room for the stable page and the other dimensions.</summary>
    public const double FloorTargetFactor = 1.2;

    /// <summary>
    /// The target age of a zone's head count: <c>Polling:ZoneCensusInterval</c> at most, and where the
    /// live events' zones can be re-counted sooner, a little above their floor (one census page per
    /// zone of every sampled event, in the slots the figures bound leaves), so that the spare slots
    /// keep every zone near that floor rather than near the configured interval.
    /// </summary>
    public static TimeSpan ZoneTarget(IReadOnlyList<WatchedEvent> live, TimeSpan slot, TimeSpan bound, PollingOptions options) =>
        ZoneTarget(
            live.Where(e => e.Plan.Mode == Metrics.RealtimeMode.Sampled).Sum(e => e.Census.Values(SearchField.ZoneName).Count(v => !v.ListedOnly)),
            live.Count,
            slot,
            bound,
            options);

    /// <inheritdoc cref="ZoneTarget(IReadOnlyList{WatchedEvent}, TimeSpan, TimeSpan, PollingOptions)"/>
    public static TimeSpan ZoneTarget(int zones, int liveEvents, TimeSpan slot, TimeSpan bound, PollingOptions options)
    {
        if (zones == 0 || bound <= TimeSpan.Zero)
        {
            return options.ZoneCensusInterval;
        }

        var share = Math.Max(0.1, 1 - (liveEvents * slot / bound));
        var target = slot * zones / share * FloorTargetFactor;
        return target < options.ZoneCensusInterval ? (target > 2 * slot ? target : 2 * slot) : options.ZoneCensusInterval;
    }

    public static PlanInput InputFor(WatchedEvent e, SearchRuleBook rules, DateTimeOffset now, PollingOptions options, TimeSpan? zoneTarget = null)
    {
        if (e.Plan.Mode != Metrics.RealtimeMode.Sampled || !e.WantsRealtime)
        {
            return new PlanInput(e);
        }

        var census = e.Census;
        CensusCandidate? best = null;
        CensusCandidate? probe = null;
        foreach (var field in EventCensus.Fields)
        {
            var target = field == SearchField.ZoneName ? zoneTarget ?? options.ZoneCensusInterval : options.DimensionCensusInterval;
            var evidence = rules[field];
            var names = census.KnownNames(field);
            List<string> present = [.. census.Present(field)];
            foreach (var value in census.Values(field))
            {
                var counted = census.Counts(field).TryGetValue(value.Label, out var count) ? count.At : (DateTimeOffset?)null;
                var isolated = names is not null && evidence.Isolated(value.Label, names);
                // A zone only the list names keeps the configured target: it may well be empty.
                var candidate = Candidate(value, counted, isolated, value.ListedOnly ? options.ZoneCensusInterval : target, now);
                if (best is null || candidate.Overdue > best.Overdue)
                {
                    best = candidate;
                }

                // A value Rev's total cannot count yet (another plausible rule lets its search match a
                // value the event has): settle the rule first, rather than spend a census page that
                // proves nothing unless the value fits a page. Sorted towards the other value, so
                // that its absence shows on the page.
                if (probe is null && value.LastResult is (null or CensusResult.Ambiguous) && !value.ListedOnly
                    && (value.LastProbedAt is not { } probed || now - probed >= ProbeInterval)
                    && !isolated
                    && evidence.Informative(value.Label, present) is { } other)
                {
                    probe = new CensusCandidate(value, SortOrder.Robust(other, value.Label) > 0, now, 1);
                }
            }
        }

        var focus = e.Plan.FocusZone is { } zone ? census.Values(SearchField.ZoneName).FirstOrDefault(v => v.Label == zone) : null;
        return new PlanInput(e, best, probe, focus, CensusReadsZones: zoneTarget is { } t && t <= options.QualityWindow);
    }

    /// <summary>
    /// One value's candidate; <paramref name="countedAt"/> is when its head count was last read
    /// from any exact source (a sweep too). A value counted since its last try is re-counted
    /// against its target age. One never counted comes first (a missing number is worse than a
    /// stale one): a zone ahead of re-counts, a stream type or browser once its wait outweighs
    /// them. A page that proved nothing is tried again from the other end soon, and otherwise only
    /// after <see cref="UncountedRetryTargets"/> targets, unless the evidence has made the value
    /// countable since.
    /// </summary>
    private static CensusCandidate Candidate(CensusValue value, DateTimeOffset? countedAt, bool isolated, TimeSpan target, DateTimeOffset now)
    {
        // A zone the account lists but no reading has shown may well be empty (a tenant may list
        // hundreds): it is never due, only read in a slot nothing else wants.
        if (value.ListedOnly)
        {
            var since = value.LastTriedAt ?? value.DiscoveredAt - target;
            return new CensusCandidate(value, value.Descending, DateTimeOffset.MaxValue, 0.1 * Ratio(now - since, target));
        }

        // Zones are the headline: a stream type or browser weighs half as much.
        var zone = value.Field == SearchField.ZoneName;
        var weight = zone ? 1 : 0.5;
        if (value.LastCountedAt is { } own && (countedAt is null || own > countedAt))
        {
            // Counted by its own page but not published (a listed zone proved empty).
            countedAt = own;
        }

        if (countedAt is { } at && (value.LastTriedAt is not { } last || at >= last))
        {
            return new CensusCandidate(value, value.Descending, at + target, weight * Ratio(now - at, target));
        }

        var tried = value.LastTriedAt ?? value.DiscoveredAt;
        var blocked = value.LastResult is CensusResult.Unsorted or CensusResult.Failed || (value.LastResult == CensusResult.Ambiguous && !isolated);
        if (blocked || value.LastResult == CensusResult.NotReached)
        {
            var wait = blocked ? target * UncountedRetryTargets : target / 4;
            return new CensusCandidate(value, value.Descending, tried + wait, weight * Ratio(now - tried, wait));
        }

        if (countedAt is { } previous)
        {
            return new CensusCandidate(value, value.Descending, tried, weight * Ratio(now - previous, target));
        }

        var overdue = zone
            ? 1.5 + Ratio(now - value.DiscoveredAt, target)
            : Math.Min(SecondaryFirstCountCap, 0.75 + Ratio(now - value.DiscoveredAt, target / 20));
        return new CensusCandidate(value, value.Descending, tried, overdue);
    }

    private static double Ratio(TimeSpan age, TimeSpan target) => target <= TimeSpan.Zero ? 1 : Math.Clamp(age / target, 0, 1_000);
}
