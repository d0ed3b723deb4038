namespace Vbrick.Rev.Simulator.Audience;

/// <summary>
/// One attendee session as the simulator serves it, personal fields included: they exist so the
/// tests can prove none of them reaches a label, a log line or an error message.
/// </summary>
public sealed record ViewerRecord(
    int Index,
    string SessionId,
    string UserId,
    string Username,
    string FullName,
    string Email,
    string IpAddress,
    string UserAgent,
    string AttendeeType,
    string Status,
    string? Zone,
    string StreamType,
    string Browser,
    double BufferingCount,
    double BufferingSeconds,
    double Errors,
    double MulticastFailovers,
    double BitrateKbps,
    double BandwidthMbps,
    DateTimeOffset StartTime,
    DateTimeOffset? LeftAt)
{
    public bool IsOnline => Status == "Online";
}
