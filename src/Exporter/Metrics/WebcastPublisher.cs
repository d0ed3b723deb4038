using Vbrick.Exporter.Aggregation;
using Vbrick.Exporter.Aggregation.Census;
using Vbrick.Exporter.Rev;

namespace Vbrick.Exporter.Metrics;

/// <summary>
/// Turns Rev answers and complete sweeps into series. Every change to an event's series happens
/// under the publication gate, so a scrape sees either the previous sweep or the new one.
/// </summary>
public sealed class WebcastPublisher(ExporterMetrics metrics)
{
    private readonly Dictionary<string, HashSet<AttendeeSeriesKey>> _publishedAttendees = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _roleCounts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string Title, string Status)> _publishedInfo = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _publishedStage = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _publishedZoneQuality = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RealtimeMode> _publishedMode = new(StringComparer.Ordinal);

    /// <summary>Event-wide figures of one page; a figure Rev left out keeps its previous value.</summary>
    public void PublishSummary(string eventId, EventWideFigures figures, DateTimeOffset at)
    {
        using var _ = metrics.Exclusive();
        SetIfPresent(metrics.Audience, figures.HostCount, eventId, "host");
        SetIfPresent(metrics.Audience, figures.ModeratorCount, eventId, "moderator");
        SetIfPresent(metrics.Audience, figures.AttendeeCount, eventId, "attendee");
        SetIfPresent(metrics.Sessions, figures.Sessions, eventId);
        SetIfPresent(metrics.RebufferingRatio, figures.RebufferingRatio, eventId);
        SetIfPresent(metrics.RebufferDurationAverage, figures.AverageRebufferSeconds, eventId);
        SetIfPresent(metrics.ErrorsPerAttendee, figures.ErrorsPerAttendee, eventId);
        SetIfPresent(metrics.MulticastErrorsPerAttendee, figures.MulticastErrorsPerAttendee, eventId);
        if (figures.HostCount is { } hosts && figures.ModeratorCount is { } moderators && figures.AttendeeCount is { } attendees)
        {
            _roleCounts[eventId] = hosts + moderators + attendees;
        }

        metrics.FiguresTimestamp.WithLabels(eventId).Set(UnixTime.Seconds(at));
    }

    public void PublishSweep(string eventId, SweepResult sweep, int trackedSessions)
    {
        using var _ = metrics.Exclusive();
        var current = new HashSet<AttendeeSeriesKey>();
        var refused = 0;
        foreach (var series in sweep.Series)
        {
            SetAttendees(eventId, series, "online", series.Online, current);
            SetAttendees(eventId, series, "offline", series.Offline, current);
            SetAttendees(eventId, series, "unknown", series.UnknownStatus, current);

            var labels = new[] { eventId, series.Zone, series.StreamType, series.Browser };
            Observe(metrics.Bitrate.WithLabels(labels), series.Bitrates);
            Observe(metrics.Bandwidth.WithLabels(labels), series.Bandwidths);

            // Touching every counter makes its series exist from the first sweep on, at 0, so
            // rate() works from the start instead of missing the first increase.
            refused += metrics.AddAudienceIncrease(labels, series.Increase);
        }

        CountRefused(eventId, refused);
        PublishDelivery(eventId, sweep);

        if (_publishedAttendees.TryGetValue(eventId, out var previous))
        {
            foreach (var gone in previous)
            {
                if (!current.Contains(gone))
                {
                    metrics.Attendees.RemoveLabelled(eventId, gone.Zone, gone.StreamType, gone.Browser, gone.Status);
                }
            }
        }

        _publishedAttendees[eventId] = current;
        foreach (var (label, folded) in sweep.FoldedByLabel)
        {
            metrics.LabelValuesFolded.WithLabels(eventId, label).Inc(folded);
        }

        foreach (var (reason, count) in sweep.InvalidByReason)
        {
            metrics.InvalidRecords.WithLabels(eventId, reason).Inc(count);
        }

        SetIfPresent(metrics.SweepRebufferDurationAverage, sweep.AverageRebufferSeconds, eventId);
        if (_roleCounts.TryGetValue(eventId, out var roles) && sweep.OnlineSessions > 0)
        {
            metrics.RoleCountsOnlineRatio.WithLabels(eventId).Set((double)roles / sweep.OnlineSessions);
        }

        metrics.SweepTimestamp.WithLabels(eventId).Set(UnixTime.Seconds(sweep.CompletedAt));
        metrics.SweepCoverage.WithLabels(eventId).Set(sweep.Coverage);
        metrics.SweepDuration.WithLabels(eventId).Set((sweep.CompletedAt - sweep.StartedAt).TotalSeconds);
        metrics.SweepProgress.WithLabels(eventId).Set(0);
        metrics.TrackedSessions.WithLabels(eventId).Set(trackedSessions);
        metrics.Sweeps.WithLabels(eventId, SweepOutcome.Completed.Label()).Inc();
    }

    /// <summary>What a sample page added to the counters; it sets no gauge of the sweep.</summary>
    public void PublishSample(string eventId, SampleKind kind, IReadOnlyList<AudienceIncrease> increases)
    {
        using var _ = metrics.Exclusive();
        var refused = 0;
        foreach (var item in increases)
        {
            refused += metrics.AddAudienceIncrease([eventId, item.Zone, item.StreamType, item.Browser], item.Increase);
        }

        CountRefused(eventId, refused);
        metrics.Samples.WithLabels(eventId, kind.Label()).Inc();
    }

    /// <summary>Replaces the event's zone quality series as one update: zones no longer sampled go.</summary>
    public void PublishZoneQuality(string eventId, IReadOnlyList<ZoneQuality> zones)
    {
        using var _ = metrics.Exclusive();
        var current = new HashSet<string>(StringComparer.Ordinal);
        foreach (var zone in zones)
        {
            metrics.ZoneRebufferingRatio.WithLabels(eventId, zone.Zone).Set(Math.Clamp(zone.RebufferingRatio, 0, 1));
            metrics.ZoneQualitySampleSessions.WithLabels(eventId, zone.Zone).Set(zone.SampleSessions);
            current.Add(zone.Zone);
        }

        foreach (var gone in _publishedZoneQuality.GetValueOrDefault(eventId) ?? [])
        {
            if (!current.Contains(gone))
            {
                metrics.ZoneRebufferingRatio.RemoveLabelled(eventId, gone);
                metrics.ZoneQualitySampleSessions.RemoveLabelled(eventId, gone);
            }
        }

        _publishedZoneQuality[eventId] = current;
    }

    /// <summary>Publishes the event's exact head counts of one dimension, each with the time it was read.</summary>
    public void PublishHeadCounts(string eventId, SearchField field, IReadOnlyDictionary<string, HeadCount> counts)
    {
        using var _ = metrics.Exclusive();
        var (gauge, timestamp) = HeadCountGauges(field);
        foreach (var (label, count) in counts)
        {
            gauge.WithLabels(eventId, label).Set(count.Count);
            timestamp.WithLabels(eventId, label).Set(UnixTime.Seconds(count.At));
        }
    }

    /// <summary>One census page's result, how many of the dimension's values have no exact count now, and what the account's evidence says of Rev's search rule.</summary>
    public void PublishCensusPage(string eventId, SearchField field, CensusResult? result, int uncounted, IReadOnlyCollection<SearchRule> plausible)
    {
        using var _ = metrics.Exclusive();
        if (result is { } r)
        {
            metrics.CensusPages.WithLabels(eventId, field.Label(), r.Label()).Inc();
        }

        metrics.HeadCountsUncounted.WithLabels(eventId, field.Label()).Set(uncounted);
        foreach (var rule in SearchRuleExtensions.All)
        {
            metrics.SearchRulePlausible.WithLabels(field.Label(), rule.Label()).Set(plausible.Contains(rule) ? 1 : 0);
        }
    }

    /// <summary>The account's zone list was read (<paramref name="zones"/>) or refused (null).</summary>
    /// <summary>The account's zone list read (its zones' multicast support), or refused (null).</summary>
    public void PublishZoneList(IReadOnlyList<Rev.ZoneListing>? zones)
    {
        using var _ = metrics.Exclusive();
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

    /// <summary>Zones whose multicast support is published at most: a tenant may list thousands.</summary>
    public const int MaxMulticastZones = 1_000;

    /// <summary>Online sessions per zone and delivery from a complete sweep: every zone it saw, 0 where exact.</summary>
    private void PublishDelivery(string eventId, SweepResult sweep)
    {
        foreach (var stale in metrics.DeliveryAttendees.GetAllLabelValues().Where(l => l[0] == eventId).ToList())
        {
            metrics.DeliveryAttendees.RemoveLabelled(stale);
        }

        foreach (var zone in sweep.Series.GroupBy(s => s.Zone, StringComparer.Ordinal))
        {
            foreach (var delivery in Enum.GetValues<Delivery>())
            {
                var online = zone.Where(s => DeliveryExtensions.OfStreamType(s.StreamType) == delivery).Sum(s => s.Online);
                metrics.DeliveryAttendees.WithLabels(eventId, zone.Key, delivery.Label()).Set(online);
            }
        }
    }

    public void PublishFiguresBound(TimeSpan bound)
    {
        using var _ = metrics.Exclusive();
        metrics.FiguresBound.Set(bound.TotalSeconds);
    }

    public void PublishRealtimeMode(string eventId, RealtimeMode mode)
    {
        using var _ = metrics.Exclusive();
        if (_publishedMode.TryGetValue(eventId, out var old) && old != mode)
        {
            metrics.RealtimeMode.RemoveLabelled(eventId, old.Label());
        }

        metrics.RealtimeMode.WithLabels(eventId, mode.Label()).Set(1);
        _publishedMode[eventId] = mode;
    }

    public void PublishScrollLifetime(double seconds)
    {
        using var _ = metrics.Exclusive();
        metrics.ScrollLifetime.Set(seconds);
    }

    public void PublishInvalidRecords(string eventId, string reason, long count)
    {
        using var _ = metrics.Exclusive();
        metrics.InvalidRecords.WithLabels(eventId, reason).Inc(count);
    }

    /// <summary>Readings of <paramref name="field"/> longer than their session: the series starts at 0, so a rise is what the alert looks for.</summary>
    public void PublishDurationsPastSessionAge(string eventId, DurationField field, long count)
    {
        using var _ = metrics.Exclusive();
        metrics.DurationsPastSessionAge.WithLabels(eventId, field.Label()).Inc(count);
    }

    /// <summary>Which run the live series describe (0: the main event; n: a pre-production run).</summary>
    public void PublishRealtimeRun(string eventId, int run)
    {
        using var _ = metrics.Exclusive();
        metrics.RealtimeRun.WithLabels(eventId).Set(run);
    }

    public void PublishSweepProgress(string eventId, double ratio)
    {
        using var _ = metrics.Exclusive();
        metrics.SweepProgress.WithLabels(eventId).Set(ratio);
    }

    public void PublishSweepEnded(string eventId, SweepOutcome outcome)
    {
        using var _ = metrics.Exclusive();
        metrics.Sweeps.WithLabels(eventId, outcome.Label()).Inc();
        metrics.SweepProgress.WithLabels(eventId).Set(0);
    }

    public void PublishEventInfo(string eventId, string title, string status)
    {
        using var _ = metrics.Exclusive();
        if (_publishedInfo.TryGetValue(eventId, out var old) && old != (title, status))
        {
            metrics.EventInfo.RemoveLabelled(eventId, old.Title, old.Status);
        }

        metrics.EventInfo.WithLabels(eventId, title, status).Set(1);
        _publishedInfo[eventId] = (title, status);
    }

    /// <summary>Removes every series of the event, live and post-event: nothing of it stays on /metrics.</summary>
    public void RemoveEvent(string eventId)
    {
        using var _ = metrics.Exclusive();
        foreach (var collector in metrics.All)
        {
            RemoveSeriesOf(collector, eventId);
        }

        metrics.HistogramMirror?.RemoveEvent(eventId);
        _publishedAttendees.Remove(eventId);
        _roleCounts.Remove(eventId);
        _publishedInfo.Remove(eventId);
        _publishedStage.Remove(eventId);
        _publishedZoneQuality.Remove(eventId);
        _publishedMode.Remove(eventId);
    }

    /// <summary>
    /// Once an event has ended (or a pre-production run gives way to another run), "who is watching
    /// now" would be a stale answer: those series go, with Rev's last figures and the last sweep's.
    /// </summary>
    public void RemoveLiveAudience(string eventId)
    {
        using var _ = metrics.Exclusive();

        // Rev's last response and the last sweep describe "now" too: frozen, they would read as
        // fresh figures for the whole retention.
        Prometheus.Gauge[] now =
        [
            metrics.Audience, metrics.Attendees, metrics.SweepProgress, metrics.ZoneRebufferingRatio,
            metrics.ZoneQualitySampleSessions, metrics.RealtimeMode, metrics.SweepRebufferDurationAverage,
            metrics.RoleCountsOnlineRatio, metrics.HeadCountsUncounted, metrics.Sessions, metrics.RebufferingRatio,
            metrics.RebufferDurationAverage, metrics.ErrorsPerAttendee, metrics.MulticastErrorsPerAttendee,
            metrics.FiguresTimestamp, metrics.SweepTimestamp, metrics.SweepCoverage, metrics.SweepDuration,
        ];
        foreach (var gauge in now)
        {
            RemoveSeriesOf(gauge, eventId);
        }

        foreach (var field in Enum.GetValues<SearchField>())
        {
            var (gauge, timestamp) = HeadCountGauges(field);
            RemoveSeriesOf(gauge, eventId);
            RemoveSeriesOf(timestamp, eventId);
        }

        _publishedAttendees.Remove(eventId);
        _roleCounts.Remove(eventId);
        _publishedZoneQuality.Remove(eventId);
        _publishedMode.Remove(eventId);
    }

    public void PublishStage(string eventId, string stage)
    {
        using var _ = metrics.Exclusive();
        if (_publishedStage.TryGetValue(eventId, out var old) && old != stage)
        {
            metrics.LifecycleStage.RemoveLabelled(eventId, old);
        }

        metrics.LifecycleStage.WithLabels(eventId, stage).Set(1);
        _publishedStage[eventId] = stage;
    }

    /// <summary>A failed request that does not decide <c>vbrick_webcast_up</c> (a status check): counted only.</summary>
    public void PublishRequestFailure(string eventId, FailureReason failure)
    {
        using var _ = metrics.Exclusive();
        metrics.RequestFailures.WithLabels(eventId, failure.Label).Inc();
    }

    /// <param name="eventId">The event.</param>
    /// <param name="success">Sets <c>vbrick_webcast_up</c>.</param>
    /// <param name="at">When the answer came.</param>
    /// <param name="failure">Counted in the request failures; null when there is none, or it was counted where it happened.</param>
    public void PublishRequestOutcome(string eventId, bool success, DateTimeOffset at, FailureReason? failure = null)
    {
        using var _ = metrics.Exclusive();
        metrics.Up.WithLabels(eventId).Set(success ? 1 : 0);
        if (success)
        {
            metrics.LastSuccess.WithLabels(eventId).Set(UnixTime.Seconds(at));
        }

        if (failure is { } reason)
        {
            metrics.RequestFailures.WithLabels(eventId, reason.Label).Inc();
        }
    }

    private (Prometheus.Gauge Count, Prometheus.Gauge Timestamp) HeadCountGauges(SearchField field) => field switch
    {
        SearchField.ZoneName => (metrics.ZoneAttendees, metrics.ZoneAttendeesTimestamp),
        SearchField.StreamType => (metrics.StreamTypeAttendees, metrics.StreamTypeAttendeesTimestamp),
        SearchField.Browser => (metrics.BrowserAttendees, metrics.BrowserAttendeesTimestamp),
    };

    private void SetAttendees(string eventId, AudienceSeries series, string status, long count, HashSet<AttendeeSeriesKey> current)
    {
        // A status with no records gets no series: no made-up zeros beside the real ones.
        if (count == 0)
        {
            return;
        }

        metrics.Attendees.WithLabels(eventId, series.Zone, series.StreamType, series.Browser, status).Set(count);
        current.Add(new AttendeeSeriesKey(series.Zone, series.StreamType, series.Browser, status));
    }

    private static void RemoveSeriesOf(Prometheus.Collector collector, string eventId)
    {
        if (collector.LabelNames.Length == 0 || collector.LabelNames[0] != ExporterMetrics.EventId)
        {
            return;
        }

        switch (collector)
        {
            case Prometheus.Gauge gauge: RemoveSeriesOf(gauge, eventId); break;
            case Prometheus.Counter counter: RemoveSeriesOf(counter, eventId); break;
            case Prometheus.Histogram histogram: RemoveSeriesOf(histogram, eventId); break;
            default: throw new NotSupportedException("Unknown instrument type " + collector.GetType().Name);
        }
    }

    private static void RemoveSeriesOf<TChild>(Prometheus.Collector<TChild> collector, string eventId)
        where TChild : Prometheus.ChildBase
    {
        foreach (var labels in collector.GetAllLabelValues().Where(l => l[0] == eventId).ToList())
        {
            collector.RemoveLabelled(labels);
        }
    }

    private void CountRefused(string eventId, int refused)
    {
        if (refused > 0)
        {
            metrics.InvalidRecords.WithLabels(eventId, "implausible_increase").Inc(refused);
        }
    }

    private static void Observe(ExporterHistogram.Child histogram, List<double> values)
    {
        foreach (var value in values)
        {
            // A rate past 2^53 bytes/s is no reading; one would leave the histogram's sum useless.
            if (ExporterMetrics.IsCounterValue(value))
            {
                histogram.Observe(value);
            }
        }
    }

    // The series is created only when Rev gave the number: no made-up zeros.
    private static void SetIfPresent(Prometheus.Gauge gauge, double? value, params string[] labels)
    {
        if (value is { } v)
        {
            gauge.WithLabels(labels).Set(v);
        }
    }

    private readonly record struct AttendeeSeriesKey(string Zone, string StreamType, string Browser, string Status);
}
