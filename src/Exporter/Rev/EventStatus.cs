namespace Vbrick.Exporter.Rev;

/// <summary>
/// An event's title and state, mapped from Rev's status endpoint. <paramref name="EndDate"/> is the
/// scheduled end (null when missing or unreadable); <paramref name="IsPreProduction"/> says the
/// state is a pre-production run's, not the main event's.
/// </summary>
public sealed record EventStatus(string Title, string RawStatus, EventPhase Phase, DateTimeOffset? EndDate = null, bool IsPreProduction = false)
{
    /// <summary>
    /// Which Rev states mean "viewers are watching" is not documented: Broadcasting and the
    /// Recording states are live, the start states are starting, Completed and Deleted are ended.
    /// </summary>
    public static EventPhase PhaseOf(string? status) => status?.Trim().ToUpperInvariant() switch
    {
        "BROADCASTING" or "RECORDING" or "RECORDINGSTARTING" or "RECORDINGSTOPPING" => EventPhase.Live,
        "STARTING" or "INPROGRESS" or "VIDEOSOURCESTARTING" or "WAITINGFORSTREAM" => EventPhase.Starting,
        "SCHEDULED" => EventPhase.Scheduled,
        "COMPLETED" or "DELETED" => EventPhase.Ended,
        _ => EventPhase.Unknown,
    };
}
