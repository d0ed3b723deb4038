using System.Runtime.InteropServices;
using Vbrick.Exporter.Aggregation;
using Vbrick.Exporter.Aggregation.Census;
using Vbrick.Exporter.Rev;

namespace Vbrick.Exporter.Metrics;

/// <summary>
/// Turns Rev answers and complete sweeps into series. Each event's series belong to its
/// <see cref="PublishedEvent"/>; this keeps the map of them and the account-wide series. Every
/// change happens under the publication gate, so a scrape sees either the previous sweep or the new
/// one; <see cref="Hold"/> keeps the gate for all of one page's changes.
/// </summary>
public sealed class WebcastPublisher(ExporterMetrics metrics)
{
    private readonly Dictionary<string, PublishedEvent> _events = new(StringComparer.Ordinal);

    // The thread that holds the gate for a page (Hold): its own publications go straight through,
    // any other thread's wait at the gate. A thread, not an async flow: a task started inside a
    // hold must not inherit it. A hold is therefore never kept across an await.
    private int _holder;

    /// <summary>Zones whose multicast support is published at most: a tenant may list thousands.</summary>
    public const int MaxMulticastZones = 1_000;

    /// <summary>
    /// Holds the publication gate until disposed, so every change one page makes (its outcome, the
    /// event-wide figures, quality, the sweep or sample) reaches a scrape together.
    /// </summary>
    public IDisposable Hold()
    {
        var lease = metrics.Exclusive();
        Volatile.Write(ref _holder, Environment.CurrentManagedThreadId);
        return new Held(this, lease);
    }

    public void PublishSummary(string eventId, EventWideFigures figures, DateTimeOffset at) => Change(eventId, e => e.Summary(figures, at));

    public void PublishSweep(string eventId, SweepResult sweep, int trackedSessions) => Change(eventId, e => e.Sweep(sweep, trackedSessions));

    public void PublishSample(string eventId, SampleKind kind, IReadOnlyList<AudienceIncrease> increases) => Change(eventId, e => e.Sample(kind, increases));

    public void PublishZoneQuality(string eventId, IReadOnlyList<ZoneQuality> zones) => Change(eventId, e => e.ZoneQuality(zones));

    public void PublishHeadCounts(string eventId, SearchField field, IReadOnlyDictionary<string, HeadCount> counts) => Change(eventId, e => e.HeadCounts(field, counts));

    /// <summary>One census page's result, how many of the dimension's values have no exact count now, and what the account's evidence says of Rev's search rule.</summary>
    public void PublishCensusPage(string eventId, SearchField field, CensusResult? result, int uncounted, IReadOnlyCollection<SearchRule> plausible) => Change(eventId, e =>
    {
        e.CensusPage(field, result, uncounted);
        foreach (var rule in SearchRuleExtensions.All)
        {
            metrics.SearchRulePlausible.WithLabels(field.Label(), rule.Label()).Set(plausible.Contains(rule) ? 1 : 0);
        }
    });

    public void PublishRealtimeMode(string eventId, RealtimeMode mode) => Change(eventId, e => e.Mode(mode));

    public void PublishInvalidRecords(string eventId, InvalidRecordReason reason, long count) => Change(eventId, e => e.InvalidRecords(reason, count));

    public void PublishDurationsPastSessionAge(string eventId, DurationField field, long count) => Change(eventId, e => e.DurationsPastSessionAge(field, count));

    public void PublishRealtimeRun(string eventId, int run) => Change(eventId, e => e.Run(run));

    public void PublishSweepProgress(string eventId, double ratio) => Change(eventId, e => e.SweepProgress(ratio));

    public void PublishSweepEnded(string eventId, SweepOutcome outcome) => Change(eventId, e => e.SweepEnded(outcome));

    public void PublishEventInfo(string eventId, string title, string status) => Change(eventId, e => e.Info(title, status));

    public void PublishStage(string eventId, string stage) => Change(eventId, e => e.Stage(stage));

    public void PublishRequestFailure(string eventId, FailureReason failure) => Change(eventId, e => e.RequestFailure(failure));

    /// <param name="eventId">The event.</param>
    /// <param name="success">Sets <c>vbrick_webcast_up</c>.</param>
    /// <param name="at">When the answer came.</param>
    /// <param name="failure">Counted in the request failures; null when there is none, or it was counted where it happened.</param>
    public void PublishRequestOutcome(string eventId, bool success, DateTimeOffset at, FailureReason? failure = null) => Change(eventId, e => e.RequestOutcome(success, at, failure));

    /// <summary>The event has ended (or a pre-production run gives way to another): its "now" series go.</summary>
    public void RemoveLiveAudience(string eventId) => Change(eventId, e => e.RemoveLive());

    /// <summary>Removes every series of the event, live and post-event: nothing of it stays on /metrics.</summary>
    public void RemoveEvent(string eventId)
    {
        using var _ = Enter();
        var published = _events.Remove(eventId, out var known) ? known : new PublishedEvent(metrics, eventId);
        published.RemoveAll();
    }

    public void PublishFiguresBound(TimeSpan bound)
    {
        using var _ = Enter();
        metrics.FiguresBound.Set(bound.TotalSeconds);
    }

    public void PublishScrollLifetime(double seconds)
    {
        using var _ = Enter();
        metrics.ScrollLifetime.Set(seconds);
    }

    /// <summary>The account's zone list read (its zones' multicast support), or refused (null).</summary>
    public void PublishZoneList(IReadOnlyList<Rev.ZoneListing>? zones)
    {
        using var _ = Enter();
        metrics.ZoneListUp.Set(zones is null ? 0 : 1);
        if (zones is null)
        {
            return;
        }

        metrics.ZoneListZones.Set(zones.Count);
        foreach (var stale in metrics.ZoneSupportsMulticast.GetAllLabelValues().ToList())
        {
            metrics.ZoneSupportsMulticast.RemoveLabelled(stale);
        }

        foreach (var zone in zones.Where(z => z.SupportsMulticast is not null).Take(MaxMulticastZones))
        {
            metrics.ZoneSupportsMulticast.WithLabels(zone.Name).Set(zone.SupportsMulticast == true ? 1 : 0);
        }
    }

    private void Change(string eventId, Action<PublishedEvent> change)
    {
        using var gate = Enter();
        ref var published = ref CollectionsMarshal.GetValueRefOrAddDefault(_events, eventId, out _);
        published ??= new PublishedEvent(metrics, eventId);
        change(published);
    }

    private PublicationLease? Enter() => Volatile.Read(ref _holder) == Environment.CurrentManagedThreadId ? null : metrics.Exclusive();

    private sealed class Held(WebcastPublisher publisher, PublicationLease lease) : IDisposable
    {
        public void Dispose()
        {
            Volatile.Write(ref publisher._holder, 0);
            lease.Dispose();
        }
    }
}
