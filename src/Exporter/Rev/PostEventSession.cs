namespace Vbrick.Exporter.Rev;

/// <summary>
/// One session of a post-event report, stripped of personal data at the client boundary: the
/// viewer is only a hash (<see cref="ViewerKey"/>) for counting distinct viewers.
/// Durations stay raw text, so the aggregation can count what does not parse.
/// </summary>
public sealed record PostEventSession(
    ulong? ViewerKey,
    string? Zone,
    string? Browser,
    string? DeviceType,
    string? StreamAccessed,
    string? SessionTime,
    string? ViewingTime,
    double? ExperiencedErrors,
    double? MulticastErrors,
    double? BufferEvents,
    double? RebufferEvents,
    double? RebufferDuration);
