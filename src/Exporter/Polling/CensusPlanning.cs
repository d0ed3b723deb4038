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

    /// <summary>A probe of one value is not repeated sooner: the evidence it looks for changes slowly.</summary>
    public static readonly TimeSpan ProbeInterval = TimeSpan.FromMinutes(10);

    public static PlanInput InputFor(WatchedEvent e, SearchRuleBook rules, DateTimeOffset now, PollingOptions options)
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
            var target = field == SearchField.ZoneName ? options.ZoneCensusInterval : options.DimensionCensusInterval;
            var evidence = rules[field];
            foreach (var value in census.Values(field))
            {
                var counted = census.Counts(field).TryGetValue(value.Label, out var count) ? count.At : (DateTimeOffset?)null;
                var candidate = Candidate(value, counted, census.Isolated(value, evidence), target, now);
                if (best is null || candidate.Overdue > best.Overdue)
                {
                    best = candidate;
                }

                if (probe is null && value.LastResult == CensusResult.Ambiguous && (value.LastProbedAt is not { } probed || now - probed >= ProbeInterval)
                    && evidence.Informative(value.Label, census.Present(field)) is { } other)
                {
                    // Sorted towards the other value, so that its absence shows on the page.
                    probe = new CensusCandidate(value, SortOrder.Robust(other, value.Label) > 0, now, 1);
                }
            }
        }

        var focus = e.Plan.FocusZone is { } zone ? census.Values(SearchField.ZoneName).FirstOrDefault(v => v.Label == zone) : null;
        return new PlanInput(e, best, probe, focus);
    }

    /// <summary>One value's candidate; <paramref name="countedAt"/> is when its head count was last read from any exact source (a sweep too).</summary>
    private static CensusCandidate Candidate(CensusValue value, DateTimeOffset? countedAt, bool isolated, TimeSpan target, DateTimeOffset now)
    {
        if (countedAt is { } at && (value.LastTriedAt is not { } last || at >= last))
        {
            return new CensusCandidate(value, value.Descending, at + target, Ratio(now - at, target));
        }

        if (value.LastTriedAt is not { } tried)
        {
            // Never read: due at once, ahead of re-counts, a listed-only zone (maybe empty) after a seen one.
            var first = value.ListedOnly ? 1.25 : 1.5;
            return new CensusCandidate(value, value.Descending, value.DiscoveredAt, first + Ratio(now - value.DiscoveredAt, target));
        }

        // The last page proved nothing: reading from the other end is worth a try soon; a value
        // that Rev's total could not count waits longer, unless it has become countable since.
        var wait = value.LastResult == CensusResult.NotReached ? target / 4 : isolated ? target : target * UncountedRetryTargets;
        return new CensusCandidate(value, value.Descending, tried + wait, Ratio(now - tried, wait) * (value.ListedOnly ? 0.5 : 1));
    }

    private static double Ratio(TimeSpan age, TimeSpan target) => target <= TimeSpan.Zero ? 1 : Math.Clamp(age / target, 0, 1_000);
}
