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
    ViewerNumbers Numbers)
{
    public bool IsOnline => Numbers.Online;

    public string Status => Numbers.Online ? "Online" : "Offline";

    public string? Zone => Numbers.Zone;

    public string StreamType => Numbers.StreamType;

    public string Browser => Numbers.Browser;

    public double BufferingCount => Numbers.BufferingCount;

    public double BufferingSeconds => Numbers.BufferingSeconds;

    public double Errors => Numbers.Errors;

    public double MulticastFailovers => Numbers.MulticastFailovers;

    public double BitrateKbps => Numbers.BitrateKbps;

    public double BandwidthMbps => Numbers.BandwidthMbps;

    public DateTimeOffset StartTime => Numbers.JoinedAt;

    public DateTimeOffset? LeftAt => Numbers.LeftAt;

    /// <summary>
    /// Rev's <c>RevConnect</c> (peer mesh): a third of the unicast HLS viewers in an office, the
    /// ones Rev's peer mesh would serve from a neighbour rather than the WAN link.
    /// </summary>
    public bool RevConnect => StreamType == AudienceModel.HlsStream && Zone is { } zone && zone.Contains("Office", StringComparison.OrdinalIgnoreCase) && Index % 3 == 0;

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
