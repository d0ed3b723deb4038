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
    private readonly bool _isBaseline;
    private readonly Dictionary<AudienceKey, AudienceSeries> _combos = [];
    private readonly Dictionary<string, SessionState>.AlternateLookup<ReadOnlySpan<char>> _sessionLookup;
    private long _missingSessionId;
    private long _duplicates;

    internal SweepAccumulator(EventAudience audience, int sweepId, DateTimeOffset startedAt)
    {
        _audience = audience;
        _sweepId = sweepId;
        _isBaseline = audience.CompletedSweeps == 0;
        _sessionLookup = audience.Sessions.GetAlternateLookup<ReadOnlySpan<char>>();
        StartedAt = startedAt;
    }

    public DateTimeOffset StartedAt { get; }

    public int Pages { get; private set; }

    /// <summary>Records of this sweep, duplicates excluded.</summary>
    public long Records { get; private set; }

    /// <summary>Records of the current page that repeated a session already seen in this sweep.</summary>
    public int DuplicatesInPage { get; private set; }

    public void BeginPage() => DuplicatesInPage = 0;

    /// <summary>Counts a page that was read in full and belongs to this sweep.</summary>
    public void CountPage() => Pages++;

    public void Add(in AttendeeRecord record)
    {
        SessionState? session = null;
        if (record.SessionId.Trim().IsEmpty)
        {
            _missingSessionId++;
        }
        else
        {
            session = FindOrTrack(record.SessionId.Trim());
            if (session.PendingSweep == _sweepId)
            {
                // Counted once per sweep: a repeated record would double the gauges.
                _duplicates++;
                DuplicatesInPage++;
                return;
            }
        }

        Records++;
        var key = new AudienceKey(
            _audience.Zones.Resolve(record.Zone),
            _audience.StreamTypes.Resolve(record.StreamType),
            _audience.Browsers.Resolve(record.Browser));
        if (!_combos.TryGetValue(key, out var combo))
        {
            combo = new AudienceSeries(
                _audience.Zones[key.Zone],
                _audience.StreamTypes[key.StreamType],
                _audience.Browsers[key.Browser],
                _audience.RentList(),
                _audience.RentList());
            _combos[key] = combo;
        }

        var status = StatusOf(record.Status);
        switch (status)
        {
            case SessionStatus.Online: combo.Online++; break;
            case SessionStatus.Offline: combo.Offline++; break;
            default: combo.UnknownStatus++; break;
        }

        if (status == SessionStatus.Online)
        {
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
            combo.Increase += Track(session, record);
        }
    }

    /// <summary>Commits the sweep: session totals move forward and the result is ready to publish.</summary>
    public SweepResult Complete(DateTimeOffset completedAt, long? totalReported)
    {
        foreach (var session in _audience.Touched)
        {
            session.Committed = session.Pending;
            session.HasCommitted = true;
        }

        _audience.CompletedSweeps++;
        var folded = new Dictionary<string, long>(StringComparer.Ordinal)
        {
            ["zone"] = _audience.Zones.DrainFolded(),
            ["stream_type"] = _audience.StreamTypes.DrainFolded(),
            ["browser"] = _audience.Browsers.DrainFolded(),
        };
        var invalid = new Dictionary<string, long>(StringComparer.Ordinal)
        {
            ["missing_session_id"] = _missingSessionId,
            ["duplicate_session"] = _duplicates,
        };
        return new SweepResult(_combos.Values, Records, totalReported, Pages, StartedAt, completedAt, _isBaseline, folded, invalid);
    }

    private SessionState FindOrTrack(ReadOnlySpan<char> sessionId)
    {
        if (_sessionLookup.TryGetValue(sessionId, out var state))
        {
            return state;
        }

        state = new SessionState();
        _audience.Sessions[sessionId.ToString()] = state;
        return state;
    }

    private RunningTotals Track(SessionState session, in AttendeeRecord record)
    {
        // A field Rev left out keeps its last known value rather than reading as a reset to zero.
        var known = session.HasCommitted ? session.Committed : default;
        var current = new RunningTotals(
            NonNegative(record.BufferingCount) ?? known.BufferingEvents,
            NonNegative(record.BufferingDuration * RevUnits.BufferingDurationSeconds) ?? known.BufferingSeconds,
            NonNegative(record.ExperiencedErrors) ?? known.PlaybackErrors,
            NonNegative(record.MulticastFailovers) ?? known.MulticastFailovers);
        session.Pending = current;
        session.PendingSweep = _sweepId;
        _audience.Touched.Add(session);

        if (session.HasCommitted)
        {
            return current.IncreaseSince(session.Committed);
        }

        // The baseline sweep only learns where each session stands; later newcomers count in full.
        return _isBaseline ? default : current.IncreaseSince(default);
    }

    // A negative running total is not a number Rev can mean; it reads as missing.
    private static double? NonNegative(double? value) => value is >= 0 ? value : null;

    private static SessionStatus StatusOf(ReadOnlySpan<char> status)
    {
        var value = status.Trim();
        if (value.Equals("online", StringComparison.OrdinalIgnoreCase))
        {
            return SessionStatus.Online;
        }

        return value.Equals("offline", StringComparison.OrdinalIgnoreCase) ? SessionStatus.Offline : SessionStatus.Unknown;
    }
}
