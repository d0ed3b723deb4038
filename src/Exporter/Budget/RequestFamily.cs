namespace Vbrick.Exporter.Budget;

/// <summary>Rev's rate-limit families: each has its own per-account budget.</summary>
public enum RequestFamily
{
    RealtimeAttendees,
    Get,
    Post,
    Reports,
}
