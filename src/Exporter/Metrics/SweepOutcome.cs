namespace Vbrick.Exporter.Metrics;

/// <summary>How a sweep ended: the <c>outcome</c> label of <c>vbrick_webcast_sweeps_total</c>.</summary>
public enum SweepOutcome
{
    Completed,

    /// <summary>Rev no longer knew the scroll; the next request starts a new one.</summary>
    ScrollRestart,

    /// <summary>Rev served a page of sessions the sweep had already seen.</summary>
    RepeatedPage,
    Failed,

    /// <summary>Stopped after its first page, which told a size that does not fit the budget now; that page counted as a sample.</summary>
    Deferred,

    /// <summary>Left unfinished on purpose (the event ended, Rev restarted its aggregation).</summary>
    Abandoned,
}

public static class SweepOutcomeExtensions
{
    public static string Label(this SweepOutcome outcome) => outcome switch
    {
        SweepOutcome.Completed => "completed",
        SweepOutcome.ScrollRestart => "scroll_restart",
        SweepOutcome.RepeatedPage => "repeated_page",
        SweepOutcome.Failed => "failed",
        SweepOutcome.Deferred => "deferred",
        SweepOutcome.Abandoned => "abandoned",
    };
}
