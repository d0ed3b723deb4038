namespace Vbrick.Exporter.Aggregation;

/// <summary>Why an attendee record could not be used in full: the <c>reason</c> of <c>vbrick_webcast_invalid_records_total</c>.</summary>
public enum InvalidRecordReason
{
    /// <summary>A record with no <c>SessionId</c>: it cannot be told from another, so it is not counted.</summary>
    MissingSessionId,

    /// <summary>A session a sweep already read: the first reading stands.</summary>
    DuplicateSession,

    /// <summary>An item of a page that is not a JSON object.</summary>
    NotAnObject,

    /// <summary>A new session once the per-event or global cap of tracked sessions is reached: in the gauges, not in the counters.</summary>
    SessionsOverCap,

    /// <summary>A counter increase that is not finite or would carry the counter past 2^53: refused.</summary>
    ImplausibleIncrease,

    /// <summary>A session's running total past 2^53: read as missing.</summary>
    ImplausibleTotal,
}

public static class InvalidRecordReasonLabels
{
    public static string Label(this InvalidRecordReason reason) => reason switch
    {
        InvalidRecordReason.MissingSessionId => "missing_session_id",
        InvalidRecordReason.DuplicateSession => "duplicate_session",
        InvalidRecordReason.NotAnObject => "not_an_object",
        InvalidRecordReason.SessionsOverCap => "sessions_over_cap",
        InvalidRecordReason.ImplausibleIncrease => "implausible_increase",
        InvalidRecordReason.ImplausibleTotal => "implausible_total",
    };
}
