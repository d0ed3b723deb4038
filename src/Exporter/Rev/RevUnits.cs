namespace Vbrick.Exporter.Rev;

/// <summary>
/// Rev's units, in one place. Rev documents kbps and Mbps as decimal (1,000 and 1,000,000 bit/s).
/// The unit of the buffering durations is not documented, and Vbrick's spec types them
/// differently (the per-attendee live duration a float, the event-wide average and the post-event
/// duration integers), so each is a setting (<see cref="RevUnitOptions"/>) read by
/// <see cref="RevClient"/>, which hands seconds on.
/// </summary>
public static class RevUnits
{
    public static double KbpsToBytesPerSecond(double kbps) => kbps * 1_000 / 8;

    public static double MbpsToBytesPerSecond(double mbps) => mbps * 1_000_000 / 8;

    /// <summary>Seconds per one of <paramref name="unit"/>.</summary>
    public static double SecondsPer(DurationUnit unit) => unit == DurationUnit.Milliseconds ? 0.001 : 1.0;
}

/// <summary>The unit Rev writes a duration field in.</summary>
public enum DurationUnit
{
    Seconds,
    Milliseconds,
}

/// <summary>Section <c>Rev:Units</c>: one setting per duration field Rev sends, seconds unless told.</summary>
public sealed class RevUnitOptions
{
    /// <summary>Real-time attendee <c>ExperiencedBufferingDuration</c> (a float in Vbrick's spec).</summary>
    public DurationUnit LiveBufferingDuration { get; set; } = DurationUnit.Seconds;

    /// <summary>Real-time <c>averageExperiencedRebufferDuration</c> (an integer in Vbrick's spec).</summary>
    public DurationUnit AverageRebufferDuration { get; set; } = DurationUnit.Seconds;

    /// <summary>Post-event session <c>rebufferDuration</c> (an integer in Vbrick's spec).</summary>
    public DurationUnit PostEventRebufferDuration { get; set; } = DurationUnit.Seconds;
}
