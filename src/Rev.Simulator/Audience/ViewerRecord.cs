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

    /// <summary>
    /// Rev's <c>StreamAccessed</c>: a field of its own beside <c>StreamType</c>, with a value set Rev
    /// does not document. The simulator gives it a different vocabulary (the delivery path), so a
    /// client that mixes the two fields up shows it.
    /// </summary>
    public string StreamAccessed => StreamType switch
    {
        AudienceModel.MulticastStream => "eCDN Multicast",
        AudienceModel.WebRtcStream => "WebRTC Direct",
        _ => Zone is { } zone && zone.Contains("Office", StringComparison.OrdinalIgnoreCase) ? "eCDN Cache" : "Public CDN",
    };
}
