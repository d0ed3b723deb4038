namespace Vbrick.Exporter.Rev;

/// <summary>
/// Rev's units, in one place. Rev documents kbps and Mbps as decimal (1,000 and 1,000,000 bit/s).
/// The unit of the buffering durations is not documented: Vbrick's material points to seconds,
/// so <see cref="BufferingDurationSeconds"/> is 1. Change that one constant if Rev proves otherwise.
/// </summary>
public static class RevUnits
{
    public const double BufferingDurationSeconds = 1.0;

    public static double KbpsToBytesPerSecond(double kbps) => kbps * 1_000 / 8;

    public static double MbpsToBytesPerSecond(double mbps) => mbps * 1_000_000 / 8;
}
