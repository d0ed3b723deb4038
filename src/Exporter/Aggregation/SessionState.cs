namespace Vbrick.Exporter.Aggregation;

/// <summary>
/// What the exporter remembers of one attendee session while the event is watched. A sweep's
/// readings stay pending until that sweep completes, so an abandoned sweep changes nothing; a
/// sample's reading is committed at once. Every reading carries a sequence number, so a sweep
/// that completes after a sample re-read the session never commits (or counts) the older value.
/// </summary>
internal sealed class SessionState
{
    public RunningTotals Committed;
    public bool HasCommitted;
    public long CommittedSeq = -1;
    public RunningTotals Pending;
    public long PendingSeq;
    public int PendingSweep = -1;
    public AudienceKey PendingKey;
    public bool PendingStartedWhileWatched;
}
