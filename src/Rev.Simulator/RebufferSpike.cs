namespace Vbrick.Rev.Simulator;

/// <summary>
/// Viewers in <see cref="Zone"/> buffer heavily and lose bitrate between the two offsets from the
/// event start; <see cref="AffectedShare"/> of the zone's viewers are hit (all by default).
/// </summary>
public sealed record RebufferSpike(string Zone, TimeSpan StartOffset, TimeSpan Duration, double AffectedShare = 1.0);
