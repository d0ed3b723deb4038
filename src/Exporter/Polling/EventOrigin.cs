namespace Vbrick.Exporter.Polling;

/// <summary>Why the exporter watches an event; the <c>source</c> label of <c>vbrick_exporter_watched_events</c>.</summary>
public enum EventOrigin
{
    Configured,
    Discovered,
    PostEvent,
}
