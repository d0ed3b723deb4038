using Vbrick.Exporter.Rev;

namespace Vbrick.Exporter.Aggregation;

/// <summary>
/// Accumulates the pages of one sweep. Nothing it learns is visible until <see cref="Complete"/>:
/// an abandoned accumulator leaves the event's published numbers and session totals as they were.
/// </summary>
public sealed class SweepAccumulator : IAttendeeSink
{
    private readonly EventAudience _audience;
    private readonly int _sweepId;
    private readonly Dictionary<AudienceKey, AudienceSeries> _combos = [];
    private long _missingSessionId;
    private long _overSessionCap;
    private double _rebufferSecondsPerEvent;
    private long _rebufferingSessions;
    private long _duplicates;

    internal SweepAccumulator(EventAudience audience, int sweepId, DateTimeOffset startedAt)
    {
        _audience = audience;
        _sweepId = sweepId;
        StartedAt = startedAt;
    }

    public DateTimeOffset StartedAt { get; }

    public int Pages { get; private set; }

    /// <summary>Records of this sweep, duplicates excluded.</summary>
    public long Records { get; private set; }

    /// <summary>Records of the current page that repeated a session already seen in this sweep.</summary>
    public int DuplicatesInPage { get; private set; }

    /// <summary>Starts counting a new page's repeated records.</summary>
    public void BeginPage() => DuplicatesInPage = 0;

    /// <summary>Counts a page that was read in full and belongs to this sweep.</summary>
    public void CountPage(int records)
    {
        Pages++;
        LargestPage = Math.Max(LargestPage, records);
    }

    /// <summary>The most records one page of this sweep held: the page size Rev serves.</summary>
    public int LargestPage { get; private set; }

    public void Add(in AttendeeRecord record)
    {
        SessionState? session = null;
        var sessionId = record.SessionId.Trim();
        if (sessionId.IsEmpty)
        {
            _missingSessionId++;
        }
        else
        {
            session = _audience.FindOrTrack(sessionId);
            if (session is null)
            {
                // Over Events:MaxSessionsPerEvent: counted in the gauges, not followed in the counters.
                _overSessionCap++;
            }
            else if (session.PendingSweep == _sweepId)
            {
                // Counted once per sweep: a repeated record would double the gauges.
                _duplicates++;
                DuplicatesInPage++;
                return;
            }
        }

        Records++;
        // A combination this sweep already holds was admitted when it was first met: one look-up.
        var key = _audience.LabelsOf(record);
        if (!_combos.TryGetValue(key, out var combo) && !_combos.TryGetValue(key = _audience.Admit(key), out combo))
        {
            combo = new AudienceSeries(
                _audience.Zones[key.Zone],
                _audience.StreamTypes[key.StreamType],
                _audience.Browsers[key.Browser],
                _audience.RentList(),
                _audience.RentList());
            _combos[key] = combo;
        }

        var status = AttendeeReading.StatusOf(record.Status);
        switch (status)
        {
            case SessionStatus.Online: combo.Online++; break;
            case SessionStatus.Offline: combo.Offline++; break;
            default: combo.UnknownStatus++; break;
        }

        if (status == SessionStatus.Online)
        {
            // Rev's averageExperiencedRebufferDuration, recomputed from the sessions: the two side
            // by side show a unit mismatch (or a different definition) at once.
            if (record.BufferingCount is { } count and > 0 && record.BufferingDuration is { } seconds and >= 0 && double.IsFinite(seconds / count))
            {
                _rebufferSecondsPerEvent += seconds / count;
                _rebufferingSessions++;
            }

            if (record.RevConnect == true)
            {
                combo.OnlinePeerMesh++;
            }

            if (record.AvgBitrateKbps is { } kbps and >= 0)
            {
                combo.Bitrates.Add(RevUnits.KbpsToBytesPerSecond(kbps));
            }

            if (record.AvgBandwidthMbps is { } mbps and >= 0)
            {
                combo.Bandwidths.Add(RevUnits.MbpsToBytesPerSecond(mbps));
            }
        }

        if (session is not null)
        {
            session.PendingSweep = _sweepId;
            _audience.Touched.Add(new PendingReading(
                session,
                combo,
                AttendeeReading.Totals(record, session.HasCommitted ? session.Committed : default, ref _audience.ImplausibleReadings),
                _audience.NextReadingSeq++,
                !session.HasCommitted && _audience.StartedWhileWatched(in record)));
            // A scroll is a snapshot taken at its first page: a later page's records are as old as
            // that, and stamping them later would make a rise look faster than it was.
            AttendeeReading.RecordQuality(_audience, session, key.Zone, status, record, StartedAt);
        }
    }

    /// <summary>
    /// Ends the sweep unpublished but keeps what it read as a sample: each reading is committed,
    /// so counters move by the same deltas, and no gauge of the sweep is published.
    /// </summary>
    public IReadOnlyList<AudienceIncrease> CommitAsSample()
    {
        var increases = new Dictionary<AudienceSeries, RunningTotals>();
        var touched = _audience.Touched;
        for (var i = 0; i < touched.Count; i++)
        {
            ref readonly var pending = ref touched[i];
            if (pending.Session.PendingSweep == _sweepId)
            {
                increases[pending.Series] = increases.GetValueOrDefault(pending.Series) + pending.Commit();
                pending.Session.PendingSweep = -1;
            }
        }

        return [.. increases.Select(i => new AudienceIncrease(i.Key.Zone, i.Key.StreamType, i.Key.Browser, i.Value))];
    }

    /// <summary>Commits the sweep: session totals move forward and the result is ready to publish.</summary>
    public SweepResult Complete(DateTimeOffset completedAt, long? totalReported)
    {
        // Increases are worked out here, not as pages arrive: a sample may have re-read a session
        // since, and then this sweep's older reading adds nothing.
        var touched = _audience.Touched;
        for (var i = 0; i < touched.Count; i++)
        {
            ref readonly var pending = ref touched[i];
            pending.Series.Increase += pending.Commit();
        }

        var isFirst = _audience.CompletedSweeps == 0;
        _audience.CompletedSweeps++;
        var folded = new Dictionary<FoldedLabel, long>
        {
            [FoldedLabel.Zone] = _audience.Zones.DrainFolded(),
            [FoldedLabel.StreamType] = _audience.StreamTypes.DrainFolded(),
            [FoldedLabel.Browser] = _audience.Browsers.DrainFolded(),
            [FoldedLabel.Combination] = _audience.DrainCombinationsFolded(),
        };
        var invalid = new Dictionary<InvalidRecordReason, long>
        {
            [InvalidRecordReason.MissingSessionId] = _missingSessionId,
            [InvalidRecordReason.SessionsOverCap] = _overSessionCap,
            [InvalidRecordReason.DuplicateSession] = _duplicates,
        };
        var averageRebuffer = _rebufferingSessions > 0 ? _rebufferSecondsPerEvent / _rebufferingSessions : (double?)null;
        return new SweepResult(_combos.Values, Records, totalReported, Pages, StartedAt, completedAt, isFirst, folded, invalid, averageRebuffer);
    }
}
