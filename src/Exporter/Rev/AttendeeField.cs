namespace Vbrick.Exporter.Rev;

/// <summary>The real-time attendee fields the exporter reads; everything else is skipped unread.</summary>
internal enum AttendeeField
{
    Unknown,
    SessionId,
    ZoneName,
    StreamType,
    Browser,
    Status,
    ExperiencedErrors,
    MulticastFailovers,
    BufferingCount,
    BufferingDuration,
    AvgBitrateKbps,
    AvgBandwidthMbps,
    StartTime,
    RevConnect,
}
