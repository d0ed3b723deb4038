namespace Vbrick.Rev.Simulator;

/// <summary>Viewers in <see cref="Zone"/> buffer heavily and lose bitrate between the two offsets from the event start.</summary>
public sealed record RebufferSpike(string Zone, TimeSpan StartOffset, TimeSpan Duration);
