namespace Vbrick.Exporter.Metrics;

/// <summary>The <c>field</c> label of <c>vbrick_webcast_durations_past_session_age_total</c>.</summary>
public enum DurationField
{
    /// <summary>A live record's <c>BufferingDuration</c> against its <c>StartTime</c>.</summary>
    LiveBuffering,

    /// <summary>A report session's <c>rebufferDuration</c> against its <c>sessionTime</c>.</summary>
    PostEventRebuffer,
}

public static class DurationFieldLabels
{
    public static string Label(this DurationField field) => field switch
    {
        DurationField.LiveBuffering => "live_buffering_duration",
        DurationField.PostEventRebuffer => "post_event_rebuffer_duration",
    };
}
