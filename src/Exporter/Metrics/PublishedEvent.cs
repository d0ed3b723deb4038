using Vbrick.Exporter.Aggregation;
using Vbrick.Exporter.Aggregation.Census;
using Vbrick.Exporter.Rev;

namespace Vbrick.Exporter.Metrics;

/// <summary>
/// Every series of one event and what it takes to replace or remove them: the series it set last
/// (to drop the ones a new sweep no longer has) live here, not in maps beside the publisher, so
/// adding a series means editing this class and nothing else. Its methods change series and expect
/// the caller to hold the publication gate (<see cref="WebcastPublisher"/> takes it).
/// </summary>
public sealed class PublishedEvent
{
    private readonly ExporterMetrics _metrics;
    private readonly string _id;
    private HashSet<AttendeeSeriesKey> _attendees = [];
    private HashSet<string> _zoneQuality = new(StringComparer.Ordinal);
    private long? _roleCounts;
    private (string Title, string Status)? _info;
    private string? _stage;
    private RealtimeMode? _mode;

    internal PublishedEvent(ExporterMetrics metrics, string eventId)
    {
        _metrics = metrics;
        _id = eventId;
    }

    /// <summary>Event-wide figures of one page; a figure Rev left out keeps its previous value.</summary>
    public void Summary(EventWideFigures figures, DateTimeOffset at)
    {
        var metrics = _metrics;
        SetIfPresent(metrics.Audience, figures.HostCount, _id, "host");
        SetIfPresent(metrics.Audience, figures.ModeratorCount, _id, "moderator");
        SetIfPresent(metrics.Audience, figures.AttendeeCount, _id, "attendee");
        SetIfPresent(metrics.Sessions, figures.Sessions, _id);
        SetIfPresent(metrics.RebufferingRatio, figures.RebufferingRatio, _id);
        SetIfPresent(metrics.RebufferDurationAverage, figures.AverageRebufferSeconds, _id);
        SetIfPresent(metrics.ErrorsPerAttendee, figures.ErrorsPerAttendee, _id);
        SetIfPresent(metrics.MulticastErrorsPerAttendee, figures.MulticastErrorsPerAttendee, _id);
        if (figures.HostCount is { } hosts && figures.ModeratorCount is { } moderators && figures.AttendeeCount is { } attendees)
        {
            _roleCounts = hosts + moderators + attendees;
        }

        metrics.FiguresTimestamp.WithLabels(_id).Set(UnixTime.Seconds(at));
    }

    public void Sweep(SweepResult sweep, int trackedSessions)
    {
        var metrics = _metrics;
        var current = new HashSet<AttendeeSeriesKey>();
        var refused = 0;
        foreach (var series in sweep.Series)
        {
            SetAttendees(series, "online", series.Online, current);
            SetAttendees(series, "offline", series.Offline, current);
            SetAttendees(series, "unknown", series.UnknownStatus, current);

            var labels = new[] { _id, series.Zone, series.StreamType, series.Browser };
            Observe(metrics.Bitrate.WithLabels(labels), series.Bitrates);
            Observe(metrics.Bandwidth.WithLabels(labels), series.Bandwidths);

            // Touching every counter makes its series exist from the first sweep on, at 0, so
            // rate() works from the start instead of missing the first increase.
            refused += metrics.AddAudienceIncrease(labels, series.Increase);
        }

        CountRefused(refused);
        Delivery(sweep);

        foreach (var gone in _attendees)
        {
            if (!current.Contains(gone))
            {
                metrics.Attendees.RemoveLabelled(_id, gone.Zone, gone.StreamType, gone.Browser, gone.Status);
            }
        }

        _attendees = current;
        foreach (var (label, folded) in sweep.FoldedByLabel)
        {
            metrics.LabelValuesFolded.WithLabels(_id, label.Label()).Inc(folded);
        }

        foreach (var (reason, count) in sweep.InvalidByReason)
        {
            metrics.InvalidRecords.WithLabels(_id, reason.Label()).Inc(count);
        }

        SetIfPresent(metrics.SweepRebufferDurationAverage, sweep.AverageRebufferSeconds, _id);
        if (_roleCounts is { } roles && sweep.OnlineSessions > 0)
        {
            metrics.RoleCountsOnlineRatio.WithLabels(_id).Set((double)roles / sweep.OnlineSessions);
        }

        metrics.SweepTimestamp.WithLabels(_id).Set(UnixTime.Seconds(sweep.CompletedAt));
        metrics.SweepCoverage.WithLabels(_id).Set(sweep.Coverage);
        metrics.SweepDuration.WithLabels(_id).Set((sweep.CompletedAt - sweep.StartedAt).TotalSeconds);
        metrics.SweepProgress.WithLabels(_id).Set(0);
        metrics.TrackedSessions.WithLabels(_id).Set(trackedSessions);
        metrics.Sweeps.WithLabels(_id, SweepOutcome.Completed.Label()).Inc();
    }

    /// <summary>What a sample page added to the counters; it sets no gauge of the sweep.</summary>
    public void Sample(SampleKind kind, IReadOnlyList<AudienceIncrease> increases)
    {
        var refused = 0;
        foreach (var item in increases)
        {
            refused += _metrics.AddAudienceIncrease([_id, item.Zone, item.StreamType, item.Browser], item.Increase);
        }

        CountRefused(refused);
        _metrics.Samples.WithLabels(_id, kind.Label()).Inc();
    }

    /// <summary>Replaces the event's zone quality series as one update: zones no longer sampled go.</summary>
    public void ZoneQuality(IReadOnlyList<ZoneQuality> zones)
    {
        var current = new HashSet<string>(StringComparer.Ordinal);
        foreach (var zone in zones)
        {
            _metrics.ZoneRebufferingRatio.WithLabels(_id, zone.Zone).Set(Math.Clamp(zone.RebufferingRatio, 0, 1));
            _metrics.ZoneQualitySampleSessions.WithLabels(_id, zone.Zone).Set(zone.SampleSessions);
            current.Add(zone.Zone);
        }

        foreach (var gone in _zoneQuality)
        {
            if (!current.Contains(gone))
            {
                _metrics.ZoneRebufferingRatio.RemoveLabelled(_id, gone);
                _metrics.ZoneQualitySampleSessions.RemoveLabelled(_id, gone);
            }
        }

        _zoneQuality = current;
    }

    /// <summary>The event's exact head counts of one dimension, each with the time it was read.</summary>
    public void HeadCounts(SearchField field, IReadOnlyDictionary<string, HeadCount> counts)
    {
        var (gauge, timestamp) = HeadCountGauges(field);
        foreach (var (label, count) in counts)
        {
            gauge.WithLabels(_id, label).Set(count.Count);
            timestamp.WithLabels(_id, label).Set(UnixTime.Seconds(count.At));
        }
    }

    /// <summary>One census page's result and how many of the dimension's values have no exact count now.</summary>
    public void CensusPage(SearchField field, CensusResult? result, int uncounted)
    {
        if (result is { } r)
        {
            _metrics.CensusPages.WithLabels(_id, field.Label(), r.Label()).Inc();
        }

        _metrics.HeadCountsUncounted.WithLabels(_id, field.Label()).Set(uncounted);
    }

    public void Mode(RealtimeMode mode)
    {
        if (_mode is { } old && old != mode)
        {
            _metrics.RealtimeMode.RemoveLabelled(_id, old.Label());
        }

        _metrics.RealtimeMode.WithLabels(_id, mode.Label()).Set(1);
        _mode = mode;
    }

    public void InvalidRecords(InvalidRecordReason reason, long count) => _metrics.InvalidRecords.WithLabels(_id, reason.Label()).Inc(count);

    /// <summary>Readings of <paramref name="field"/> longer than their session: the series starts at 0, so a rise is what the alert looks for.</summary>
    public void DurationsPastSessionAge(DurationField field, long count) => _metrics.DurationsPastSessionAge.WithLabels(_id, field.Label()).Inc(count);

    /// <summary>Which run the live series describe (0: the main event; n: a pre-production run).</summary>
    public void Run(int run) => _metrics.RealtimeRun.WithLabels(_id).Set(run);

    public void SweepProgress(double ratio) => _metrics.SweepProgress.WithLabels(_id).Set(ratio);

    public void SweepEnded(SweepOutcome outcome)
    {
        _metrics.Sweeps.WithLabels(_id, outcome.Label()).Inc();
        _metrics.SweepProgress.WithLabels(_id).Set(0);
    }

    public void Info(string title, string status)
    {
        if (_info is { } old && old != (title, status))
        {
            _metrics.EventInfo.RemoveLabelled(_id, old.Title, old.Status);
        }

        _metrics.EventInfo.WithLabels(_id, title, status).Set(1);
        _info = (title, status);
    }

    public void Stage(string stage)
    {
        if (_stage is { } old && old != stage)
        {
            _metrics.LifecycleStage.RemoveLabelled(_id, old);
        }

        _metrics.LifecycleStage.WithLabels(_id, stage).Set(1);
        _stage = stage;
    }

    /// <summary>A failed request that does not decide <c>vbrick_webcast_up</c> (a status check): counted only.</summary>
    public void RequestFailure(FailureReason failure) => _metrics.RequestFailures.WithLabels(_id, failure.Label).Inc();

    /// <param name="success">Sets <c>vbrick_webcast_up</c>.</param>
    /// <param name="at">When the answer came.</param>
    /// <param name="failure">Counted in the request failures; null when there is none, or it was counted where it happened.</param>
    public void RequestOutcome(bool success, DateTimeOffset at, FailureReason? failure)
    {
        _metrics.Up.WithLabels(_id).Set(success ? 1 : 0);
        if (success)
        {
            _metrics.LastSuccess.WithLabels(_id).Set(UnixTime.Seconds(at));
        }

        if (failure is { } reason)
        {
            _metrics.RequestFailures.WithLabels(_id, reason.Label).Inc();
        }
    }

    /// <summary>
    /// Once an event has ended (or a pre-production run gives way to another run), "who is watching
    /// now" would be a stale answer: those series go, with Rev's last figures and the last sweep's.
    /// </summary>
    public void RemoveLive()
    {
        var metrics = _metrics;

        // Rev's last response and the last sweep describe "now" too: frozen, they would read as
        // fresh figures for the whole retention.
        Prometheus.Gauge[] now =
        [
            metrics.Audience, metrics.Attendees, metrics.SweepProgress, metrics.ZoneRebufferingRatio,
            metrics.ZoneQualitySampleSessions, metrics.RealtimeMode, metrics.SweepRebufferDurationAverage,
            metrics.RoleCountsOnlineRatio, metrics.HeadCountsUncounted, metrics.Sessions, metrics.RebufferingRatio,
            metrics.RebufferDurationAverage, metrics.ErrorsPerAttendee, metrics.MulticastErrorsPerAttendee,
            metrics.FiguresTimestamp, metrics.SweepTimestamp, metrics.SweepCoverage, metrics.SweepDuration,
            metrics.DeliveryAttendees, metrics.PeerMeshAttendees,
        ];
        foreach (var gauge in now)
        {
            RemoveSeriesOf(gauge, _id);
        }

        foreach (var field in EventCensus.Fields)
        {
            var (gauge, timestamp) = HeadCountGauges(field);
            RemoveSeriesOf(gauge, _id);
            RemoveSeriesOf(timestamp, _id);
        }

        _attendees = [];
        _zoneQuality = new(StringComparer.Ordinal);
        _roleCounts = null;
        _mode = null;
    }

    /// <summary>Removes every series of the event, live and post-event, from every family and from OTLP's mirror.</summary>
    public void RemoveAll()
    {
        foreach (var collector in _metrics.All)
        {
            RemoveSeriesOf(collector, _id);
        }

        _metrics.HistogramMirror?.RemoveEvent(_id);
    }

    private (Prometheus.Gauge Count, Prometheus.Gauge Timestamp) HeadCountGauges(SearchField field) => field switch
    {
        SearchField.ZoneName => (_metrics.ZoneAttendees, _metrics.ZoneAttendeesTimestamp),
        SearchField.StreamType => (_metrics.StreamTypeAttendees, _metrics.StreamTypeAttendeesTimestamp),
        SearchField.Browser => (_metrics.BrowserAttendees, _metrics.BrowserAttendeesTimestamp),
    };

    private void SetAttendees(AudienceSeries series, string status, long count, HashSet<AttendeeSeriesKey> current)
    {
        // A status with no records gets no series: no made-up zeros beside the real ones.
        if (count == 0)
        {
            return;
        }

        _metrics.Attendees.WithLabels(_id, series.Zone, series.StreamType, series.Browser, status).Set(count);
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

    private void CountRefused(int refused)
    {
        if (refused > 0)
        {
            _metrics.InvalidRecords.WithLabels(_id, InvalidRecordReason.ImplausibleIncrease.Label()).Inc(refused);
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

    /// <summary>Online sessions per zone and delivery from a complete sweep: every zone it saw, 0 where exact.</summary>
    private void Delivery(SweepResult sweep)
    {
        RemoveSeriesOf(_metrics.DeliveryAttendees, _id);
        RemoveSeriesOf(_metrics.PeerMeshAttendees, _id);
        foreach (var zone in sweep.Series.GroupBy(s => s.Zone, StringComparer.Ordinal))
        {
            foreach (var delivery in Enum.GetValues<Aggregation.Delivery>())
            {
                var online = zone.Where(s => DeliveryExtensions.OfStreamType(s.StreamType) == delivery).Sum(s => s.Online);
                _metrics.DeliveryAttendees.WithLabels(_id, zone.Key, delivery.Label()).Set(online);
            }

            _metrics.PeerMeshAttendees.WithLabels(_id, zone.Key).Set(zone.Sum(s => s.OnlinePeerMesh));
        }
    }
}
