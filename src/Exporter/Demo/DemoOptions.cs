namespace Vbrick.Exporter.Demo;

/// <summary>Demo mode (section <c>Demo</c>, or the <c>--demo</c> flag): the exporter polls an embedded Rev simulator.</summary>
public sealed class DemoOptions
{
    public const string SectionName = "Demo";

    /// <summary>Starts the embedded simulator and points the exporter at it.</summary>
    public bool Enabled { get; set; }

    /// <summary>
    /// The simulator's real-time limit, which the exporter is told too: Rev's 2 a minute by
    /// default, so the demo shows what a tenant will (head counts zone by zone within minutes, the
    /// breakdown of a large webcast never complete). Raise it (e.g. 30) for a demo that fills every
    /// panel sooner than Rev ever would.
    /// </summary>
    public double RealtimeRequestsPerMinute { get; set; } = 2;

    /// <summary>Minutes after start-up when the rebuffering spike begins in the Singapore office.</summary>
    public double SpikeStartsAfterMinutes { get; set; } = 3;

    /// <summary>
    /// A multicast office of the EMEA kick-off whose viewers fall back to unicast (e.g.
    /// <c>New York Office</c>), to show <c>VbrickWebcastUnicastInMulticastZone</c>; none by default.
    /// </summary>
    public string? MulticastFallbackZone { get; set; }

    /// <summary>How long the spike lasts, in minutes.</summary>
    public double SpikeMinutes { get; set; } = 10;
}
