namespace Vbrick.Rev.Simulator.Audience;

/// <summary>A viewer's state at one instant, without the personal strings (cheap to compute for 100,000 viewers).</summary>
public readonly record struct ViewerNumbers(
    bool Online,
    string? Zone,
    string StreamType,
    string Browser,
    double BufferingCount,
    double BufferingSeconds,
    double Errors,
    double MulticastFailovers,
    double BitrateKbps,
    double BandwidthMbps,
    DateTimeOffset JoinedAt,
    DateTimeOffset? LeftAt);
