using Vbrick.Exporter.Metrics;

namespace Vbrick.Exporter.Polling;

/// <summary>One event's real-time schedule: what it last got from Rev, what is due, its open scroll.</summary>
internal sealed class RealtimeSchedule(DateTimeOffset now)
{
    /// <summary>Scroll id of the sweep in progress; null when no scroll is open.</summary>
    public string? ScrollId { get; private set; }

    /// <summary>When the open scroll's last page was served: Rev's idle clock for it starts here.</summary>
    public DateTimeOffset ScrollLastPageAt { get; private set; }

    /// <summary>Earliest start of the next sweep (<c>Polling:Interval</c> after the last start).</summary>
    public DateTimeOffset NextSweepAt { get; set; } = now;

    public DateTimeOffset? LastSweepCompletedAt { get; set; }

    /// <summary>When event-wide figures last arrived (any page); null before the first.</summary>
    public DateTimeOffset? FiguresAt { get; set; }

    public DateTimeOffset NextSampleAt { get; set; } = now;

    public DateTimeOffset? LastSampleAt { get; set; }

    /// <summary>
    /// The zone that looks wrong in the window (<see cref="Aggregation.ZoneQuality.MostSuspect"/>):
    /// it gets a sample of its own every half sample interval, and spare slots alternate between it
    /// and the stable sample, so a small office's spike is read over hundreds of its sessions
    /// rather than the few the stable sample holds.
    /// </summary>
    public string? FocusZone { get; set; }

    public DateTimeOffset NextFocusAt { get; set; } = now;

    public bool LastSpareWasFocus { get; set; }

    /// <summary>Pages a full sweep needs, from Rev's latest <c>total</c>; null until known.</summary>
    public int? Pages { get; set; }

    public RealtimeMode Mode { get; set; } = RealtimeMode.Full;

    public bool ModePublished { get; set; }

    public bool HasOpenScroll => ScrollId is not null;

    public void OpenScroll(string scrollId, DateTimeOffset servedAt)
    {
        ScrollId = scrollId;
        ScrollLastPageAt = servedAt;
    }

    public void CloseScroll() => ScrollId = null;
}
