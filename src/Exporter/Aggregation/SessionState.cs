namespace Vbrick.Exporter.Aggregation;

/// <summary>
/// What the exporter remembers of one attendee session while the event is watched. A sweep's
/// readings stay pending (<see cref="PendingReading"/>) until that sweep completes, so an abandoned
/// sweep changes nothing; a sample's reading is committed at once. Every reading carries a sequence
/// number, so a sweep that completes after a sample re-read the session never commits (or counts)
/// the older value.
/// </summary>
internal sealed class SessionState
{
    public RunningTotals Committed;
    public bool HasCommitted;
    public long CommittedSeq = -1;

    /// <summary>The sweep that holds a pending reading of this session (-1: none): a second record in that sweep is a duplicate.</summary>
    public int PendingSweep = -1;

    // The buffering counts read within the quality window (QualityTracker), kept here rather than in
    // a second table keyed by session: one entry per session, not two.
    public QualityReading[]? Readings;
    public int ReadingCount;
    public int QualityZone;
    public bool QualityOnline;
}

/// <summary>One buffering count of a session and when it was read.</summary>
internal readonly record struct QualityReading(long Ticks, double Count);

/// <summary>A sweep's reading of one session, committed when the sweep completes.</summary>
internal readonly record struct PendingReading(SessionState Session, AudienceSeries Series, RunningTotals Reading, long Seq, bool StartedWhileWatched)
{
    public RunningTotals Commit() => EventAudience.Commit(Session, Reading, Seq, StartedWhileWatched);
}
