using Vbrick.Exporter.Rev;

namespace Vbrick.Exporter.Aggregation;

/// <summary>
/// Everything the exporter remembers about one event's audience while it is watched: label tables
/// and per-session running totals. Memory grows with distinct sessions (at most
/// <paramref name="maxSessions"/>, about 300 bytes each, and within the exporter-wide
/// <paramref name="allowance"/>) and label values, never with response size.
/// </summary>
public sealed class EventAudience(int labelValueCap, int maxSessions = int.MaxValue, int maxCombinations = int.MaxValue, SessionAllowance? allowance = null)
{
    private readonly SessionAllowance _allowance = allowance ?? SessionAllowance.Unlimited;

    private readonly HashSet<AudienceKey> _combinations = [];
    private long _combinationsFolded;

    internal LabelValueTable Zones { get; } = new(labelValueCap);

    internal LabelValueTable StreamTypes { get; } = new(labelValueCap);

    internal LabelValueTable Browsers { get; } = new(labelValueCap);

    private readonly Dictionary<UInt128, SessionState> _sessions = [];

    /// <summary>Completed sweeps.</summary>
    public int CompletedSweeps { get; internal set; }

    /// <summary>
    /// When the exporter began watching the event. A session first read that started after it
    /// (by Rev's <c>StartTime</c>, beyond <see cref="ClockSkewAllowance"/>) counts in full: all its
    /// history happened while watched. Any other first reading only sets the session's baseline.
    /// Never set: every first reading is a baseline.
    /// </summary>
    public DateTimeOffset BaselineAt { get; set; } = DateTimeOffset.MaxValue;

    /// <summary>Rev's clock may run ahead of ours: a session must start this much after the baseline to count in full.</summary>
    public static readonly TimeSpan ClockSkewAllowance = TimeSpan.FromSeconds(30);

    public int TrackedSessions => _sessions.Count;

    internal int NextSweepId { get; set; }

    /// <summary>Orders every reading, from sweeps and samples alike.</summary>
    internal long NextReadingSeq { get; set; }

    /// <summary>Per-session buffering readings within the quality window, from every request.</summary>
    public QualityTracker Quality { get; } = new();

    /// <summary>
    /// The readings of the sweep in progress, in one contiguous list rather than on each session:
    /// completing the sweep walks it in order. One sweep runs at a time per event, so it is reused.
    /// </summary>
    internal ChunkedList<PendingReading> Touched { get; } = new();

    /// <summary>Observation lists of published sweeps, cleared, for the next sweep to fill.</summary>
    internal Stack<List<double>> SpareLists { get; } = new();

    public SweepAccumulator StartSweep(DateTimeOffset startedAt)
    {
        Touched.Clear();
        return new(this, NextSweepId++, startedAt);
    }

    /// <summary>Hands a published sweep's buffers back, so steady-state sweeps allocate next to nothing.</summary>
    public void Recycle(SweepResult published)
    {
        foreach (var series in published.Series)
        {
            series.Bitrates.Clear();
            series.Bandwidths.Clear();
            SpareLists.Push(series.Bitrates);
            SpareLists.Push(series.Bandwidths);
        }
    }

    /// <summary>Forgets every session (the event is no longer watched) and gives their places back to the allowance.</summary>
    public void ReleaseSessions()
    {
        _allowance.Return(_sessions.Count);
        _sessions.Clear();
        _sessions.TrimExcess();
        Touched.Release();
        Quality.Clear();
    }

    /// <summary>Starts a sample: one page read for its sessions, committed as it is read.</summary>
    public SampleAccumulator StartSample(DateTimeOffset at) => new(this, at);

    /// <summary>
    /// Commits one reading of a session and returns what it adds to the counters, by one rule for
    /// every kind of reading (no completed sweep needed): a session's first reading sets its baseline
    /// unless the session started after <see cref="BaselineAt"/> (<paramref name="startedWhileWatched"/>),
    /// when it counts in full; each later reading counts its positive deltas. A reading older than the
    /// committed one (a sweep completing after a sample re-read the session) adds and changes nothing.
    /// </summary>
    internal static RunningTotals Commit(SessionState session, in RunningTotals reading, long seq, bool startedWhileWatched)
    {
        if (session.HasCommitted && seq <= session.CommittedSeq)
        {
            return default;
        }

        var baseline = !session.HasCommitted && !startedWhileWatched;
        var increase = baseline ? default : reading.IncreaseSince(session.HasCommitted ? session.Committed : default);
        session.Committed = reading;
        session.CommittedSeq = seq;
        session.HasCommitted = true;
        return increase;
    }

    /// <summary>
    /// The session's state; null for a new session once <c>maxSessions</c> are tracked here or the
    /// exporter-wide allowance is spent (it still counts in gauges, not in counters).
    /// </summary>
    internal SessionState? FindOrTrack(ReadOnlySpan<char> sessionId)
    {
        var key = SessionKey.Of(sessionId);
        if (_sessions.TryGetValue(key, out var state))
        {
            return state;
        }

        if (_sessions.Count >= maxSessions || !_allowance.TryTake())
        {
            return null;
        }

        state = new SessionState();
        _sessions[key] = state;
        return state;
    }

    /// <summary>
    /// The record's zone / stream type / browser. Each label is capped on its own; their product is
    /// capped too (<c>maxCombinations</c>), since 50 x 50 x 50 would still be 125,000 series: a new
    /// combination beyond it folds into other / other / other.
    /// </summary>
    internal AudienceKey KeyOf(in AttendeeRecord record) => Admit(LabelsOf(record));

    /// <summary>The record's three labels, each within its own cap (the combination not yet admitted).</summary>
    internal AudienceKey LabelsOf(in AttendeeRecord record) =>
        new(Zones.Resolve(record.Zone), StreamTypes.Resolve(record.StreamType), Browsers.Resolve(record.Browser));

    /// <summary>The combination's key within the combination cap: a new one beyond it is other / other / other.</summary>
    internal AudienceKey Admit(AudienceKey key)
    {
        if (_combinations.Contains(key))
        {
            return key;
        }

        if (_combinations.Count >= maxCombinations)
        {
            _combinationsFolded++;
            key = new AudienceKey(LabelValueTable.OtherIndex, LabelValueTable.OtherIndex, LabelValueTable.OtherIndex);
        }

        _combinations.Add(key);
        return key;
    }

    /// <summary>Records folded into other / other / other by the combination cap since the last call.</summary>
    internal long DrainCombinationsFolded()
    {
        var folded = _combinationsFolded;
        _combinationsFolded = 0;
        return folded;
    }

    /// <summary>Whether the record's session began after the baseline (see <see cref="BaselineAt"/>); only a session's first reading asks.</summary>
    internal bool StartedWhileWatched(in AttendeeRecord record) =>
        BaselineAt != DateTimeOffset.MaxValue && record.ParseStartTime() is { } start && start > BaselineAt + ClockSkewAllowance;

    /// <summary>Running totals read as missing for being past any plausible value, since the last <see cref="DrainImplausible"/>.</summary>
    internal int ImplausibleReadings;

    /// <summary>Implausible totals since the last call.</summary>
    public int DrainImplausible()
    {
        var count = ImplausibleReadings;
        ImplausibleReadings = 0;
        return count;
    }

    internal List<double> RentList() => SpareLists.TryPop(out var list) ? list : [];
}
