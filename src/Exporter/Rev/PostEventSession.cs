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
    double? RebufferDuration)
{
    /// <summary>Rev's <c>enteredDate</c>: when the session began (absent or unreadable: null).</summary>
    public DateTimeOffset? EnteredAt { get; init; }

    /// <summary>Rev's <c>exitedDate</c>: when it ended; null for a session still open when the report was made.</summary>
    public DateTimeOffset? ExitedAt { get; init; }

    /// <summary>Rev's <c>viewingStartTime</c>: when video began to play; null for a session that never played.</summary>
    public DateTimeOffset? ViewingStartAt { get; init; }

    /// <summary>Rev's <c>eCDNTime</c>, raw: viewing served inside the network (eCDN cache, multicast, peer mesh).</summary>
    public string? ECdnTime { get; init; }

    /// <summary>Rev's <c>publicCDNTime</c>, raw: viewing served over the internet.</summary>
    public string? PublicCdnTime { get; init; }
}
