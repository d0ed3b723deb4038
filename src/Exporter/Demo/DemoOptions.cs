namespace Vbrick.Exporter.Demo;

/// <summary>Demo mode (section <c>Demo</c>, or the <c>--demo</c> flag): the exporter polls an embedded Rev simulator.</summary>
public sealed class DemoOptions
{
    public const string SectionName = "Demo";

    /// <summary>Starts the embedded simulator and points the exporter at it.</summary>
    public bool Enabled { get; set; }

    /// <summary>
    /// The simulator's real-time limit, which the exporter is told too: faster than Rev's 2 a
    /// minute so the demo moves, and still enforced so the budget logic is on show.
    /// </summary>
    public double RealtimeRequestsPerMinute { get; set; } = 30;

    /// <summary>Minutes after start-up when the rebuffering spike begins in the Singapore office.</summary>
    public double SpikeStartsAfterMinutes { get; set; } = 3;

    /// <summary>How long the spike lasts, in minutes.</summary>
    public double SpikeMinutes { get; set; } = 10;
}
