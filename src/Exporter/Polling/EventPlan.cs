using Vbrick.Exporter.Configuration;
using Vbrick.Exporter.Metrics;

namespace Vbrick.Exporter.Polling;

/// <summary>
/// One event's real-time plan state: what its numbers last got from Rev and its open scroll. Every
/// transition is a method here, called by the sweeper with what a request returned; the planner
/// (<see cref="RealtimePlanner"/>) only reads it.
/// </summary>
internal sealed class EventPlan(DateTimeOffset now)
{
    /// <summary>A failing event backs off on its own: 30 s, doubling, at most 10 minutes between tries.</summary>
    public static readonly Backoff FailureBackoff = new(TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(10));

    public DateTimeOffset CreatedAt { get; } = now;

    /// <summary>Scroll id of the sweep in progress; null when no scroll is open.</summary>
    public string? ScrollId { get; private set; }

    /// <summary>When the open scroll's last page was served: Rev's idle clock for it starts here.</summary>
    public DateTimeOffset ScrollLastPageAt { get; private set; }

    public bool HasOpenScroll => ScrollId is not null;

    /// <summary>Earliest start of the next sweep (<c>Polling:Interval</c> after the last start).</summary>
    public DateTimeOffset NextSweepAt { get; private set; } = now;

    public DateTimeOffset? LastSweepCompletedAt { get; private set; }

    /// <summary>When event-wide figures last arrived (any unfiltered page); null before the first.</summary>
    public DateTimeOffset? FiguresAt { get; private set; }

    /// <summary>When the stable first page (fixed sort, read for the quality window) was last read.</summary>
    public DateTimeOffset? LastSampleAt { get; private set; }

    /// <summary>The zone that looks wrong in the quality window (<see cref="Aggregation.ZoneQuality.MostSuspect"/>): its census page is re-read often.</summary>
    /// <summary>Records Rev serves a page for this event (a full page seen), 500 until one is.</summary>
    public int ServedPageSize { get; set; } = Rev.ScrollGuard.PageSize;

    public string? FocusZone { get; private set; }

    public DateTimeOffset? LastFocusAt { get; private set; }

    /// <summary>Pages a full sweep needs, from Rev's latest unfiltered <c>total</c>; null until known.</summary>
    public int? Pages { get; private set; }

    public RealtimeMode Mode { get; private set; } = RealtimeMode.Full;

    /// <summary>Real-time requests of this event that failed in a row; 0 after a success.</summary>
    public int Failures { get; private set; }

    /// <summary>While failing, no request of this event is planned before this.</summary>
    public DateTimeOffset RetryAt { get; private set; } = now;

    public void SweepStarted(DateTimeOffset at, TimeSpan interval) => NextSweepAt = at + interval;

    public void ScrollContinues(string scrollId, DateTimeOffset servedAt)
    {
        ScrollId = scrollId;
        ScrollLastPageAt = servedAt;
    }

    public void ScrollClosed() => ScrollId = null;

    public void SweepCompleted(DateTimeOffset at)
    {
        ScrollId = null;
        LastSweepCompletedAt = at;
    }

    public void FiguresRead(DateTimeOffset at) => FiguresAt = at;

    public void SampleRead(DateTimeOffset at) => LastSampleAt = at;

    public void FocusRead(DateTimeOffset at) => LastFocusAt = at;

    /// <summary>
    /// The latest evaluation's suspect zone: a new one is read at once, the same one keeps its
    /// cadence. An evaluation with none keeps the current focus for <paramref name="hold"/> after it
    /// last stood out: between re-reads the window may hold too few of its sessions to say, and
    /// dropping the focus then would starve the very signal the alert needs.
    /// </summary>
    public void Suspect(string? zone, DateTimeOffset at, TimeSpan hold)
    {
        if (zone is null)
        {
            if (FocusZone is not null && at - _suspectSeenAt >= hold)
            {
                FocusZone = null;
                LastFocusAt = null;
            }

            return;
        }

        _suspectSeenAt = at;
        if (zone != FocusZone)
        {
            FocusZone = zone;
            LastFocusAt = null;
        }
    }

    private DateTimeOffset _suspectSeenAt;

    /// <summary>Rev's unfiltered total told the event's size; returns true when the mode changed.</summary>
    public bool Sized(int pages, RealtimeMode mode)
    {
        Pages = pages;
        var changed = mode != Mode;
        Mode = mode;
        return changed;
    }

    public void Succeeded() => Failures = 0;

    public void Failed(DateTimeOffset at)
    {
        Failures++;
        RetryAt = at + FailureBackoff.After(Failures);
    }

    public bool BackingOff(DateTimeOffset now) => Failures > 0 && now < RetryAt;
}
