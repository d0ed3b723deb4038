namespace Vbrick.Exporter.Aggregation;

/// <summary>
/// What the exporter remembers of one attendee session while the event is watched. Values read in
/// a sweep stay pending until that sweep completes, so an abandoned sweep changes nothing.
/// </summary>
internal sealed class SessionState
{
    public RunningTotals Committed;
    public bool HasCommitted;
    public RunningTotals Pending;
    public int PendingSweep = -1;
}
