using Vbrick.Exporter.Aggregation;
using Vbrick.Exporter.Rev;

namespace Vbrick.Exporter.Polling;

/// <summary>One webcast the exporter watches: its state in Rev, its schedule and its sweep in progress.</summary>
internal sealed class WatchedEvent(string id, int labelValueCap, DateTimeOffset now)
{
    public string Id { get; } = id;

    public EventPhase Phase { get; set; } = EventPhase.Unknown;

    public string? Title { get; set; }

    public DateTimeOffset NextStatusAt { get; set; } = now;

    public DateTimeOffset NextRealtimeAt { get; set; } = now;

    public EventAudience Audience { get; } = new(labelValueCap);

    public SweepAccumulator? Sweep { get; set; }

    public string? ScrollId { get; set; }

    /// <summary>
    /// Scheduled events cost nothing; ended ones belong to the post-event path. An event whose
    /// status is not known yet is polled: Rev's answer is the best evidence of whether it is live.
    /// </summary>
    public bool WantsRealtime => Phase is EventPhase.Unknown or EventPhase.Starting or EventPhase.Live;

    public void ResetSweep()
    {
        Sweep = null;
        ScrollId = null;
    }
}
