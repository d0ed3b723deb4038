namespace Vbrick.Exporter.Metrics;

/// <summary>Why the exporter watches an event; the <c>source</c> label of <c>vbrick_exporter_watched_events</c>.</summary>
public enum EventOrigin
{
    Configured,
    Discovered,
    PostEvent,
}

public static class EventOriginLabels
{
    public static string Label(this EventOrigin origin) => origin switch
    {
        EventOrigin.Configured => "configured",
        EventOrigin.Discovered => "discovered",
        EventOrigin.PostEvent => "post_event",
    };
}
