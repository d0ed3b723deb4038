namespace Vbrick.Exporter.Rev;

/// <summary>Rev's rate-limit families: each has its own per-account budget.</summary>
public enum RequestFamily
{
    RealtimeAttendees,
    Get,
    Post,
    Reports,
}
