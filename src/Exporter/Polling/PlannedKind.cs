namespace Vbrick.Exporter.Polling;

/// <summary>The kinds of real-time request the planner weighs against each other.</summary>
internal enum PlannedKind
{
    /// <summary>The next page of the open sweep's scroll.</summary>
    Continue,

    /// <summary>An unfiltered first page that starts a sweep.</summary>
    StartSweep,

    /// <summary>The stable unfiltered first page, read as a sample (its scroll is never continued).</summary>
    Sample,

    /// <summary>A first page searching one value of one field, online sessions only: may prove its head count.</summary>
    Census,

    /// <summary>A first page searching one value, every status: proves which values Rev's search rule matches.</summary>
    Probe,
}
