namespace Vbrick.Exporter.Rev;

/// <summary>What a Rev event status means for polling.</summary>
public enum EventPhase
{
    Unknown,
    Scheduled,
    Starting,
    Live,
    Ended,
}
