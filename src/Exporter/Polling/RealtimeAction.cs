namespace Vbrick.Exporter.Polling;

/// <summary>The real-time request the scheduler chose for the next slot; <see cref="Zone"/> focuses a sample on one zone.</summary>
internal sealed record RealtimeAction(WatchedEvent Event, RealtimeRequestKind Kind, DateTimeOffset DueAt, string? Zone = null);

internal enum RealtimeRequestKind
{
    /// <summary>The next page of the open scroll.</summary>
    Continue,

    /// <summary>A first page that starts a sweep.</summary>
    StartSweep,

    /// <summary>A first page read as a sample; its scroll is never continued.</summary>
    Sample,
}
