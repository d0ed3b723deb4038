namespace Vbrick.Rev.Simulator;

/// <summary>
/// How this simulated tenant answers where Rev's reference is silent, or differs by version: one
/// typed value per behaviour instead of a row of flags. Each default is the form the reference (or
/// the seed) gives; the others are what a real tenant might do instead, so a test can show the
/// exporter stays right under them.
/// </summary>
public sealed record RevDialect
{
    /// <summary>The default: every behaviour as the reference gives it.</summary>
    public static RevDialect Documented { get; } = new();

    public ScrollIds ScrollIds { get; init; } = ScrollIds.NewEachPage;

    public ScrollEnd ScrollEnd { get; init; } = ScrollEnd.NoScrollId;

    public ExpiredScroll ExpiredScroll { get; init; } = ExpiredScroll.Http400;

    /// <summary>Which event-wide figures a continuation page carries (Rev does not say).</summary>
    public ContinuationFigures ContinuationFigures { get; init; } = ContinuationFigures.ScrollSnapshot;

    /// <summary>Whether a 429 carries <c>Retry-After</c> (no public source says Rev sends one).</summary>
    public RateLimitAnswer RateLimitAnswer { get; init; } = RateLimitAnswer.WithRetryAfter;

    /// <summary>Older Rev versions name the status fields eventTitle / eventStatus.</summary>
    public StatusFieldNames StatusFieldNames { get; init; } = StatusFieldNames.Current;

    /// <summary>
    /// Dates in the event list and the post-event report, and the status's <c>isPreProduction</c>:
    /// ISO-8601 and a JSON boolean, or <c>yyyy-MM-dd HH:mm:ss</c> and text, forms a strict reader refuses.
    /// </summary>
    public FieldFormats FieldFormats { get; init; } = FieldFormats.Strict;

    /// <summary>The per-attendee real-time durations (floats in Vbrick's spec).</summary>
    public DurationUnit LiveDurations { get; init; } = DurationUnit.Seconds;

    /// <summary>
    /// The durations Vbrick's spec types as integers (real-time <c>averageExperiencedRebufferDuration</c>,
    /// post-event <c>rebufferDuration</c>).
    /// </summary>
    public DurationUnit IntegerDurations { get; init; } = DurationUnit.Seconds;

    /// <summary>
    /// Event-wide ratios (<c>experiencedErrorsPerAttendees</c>, <c>multicastErrorsPerAttendees</c>,
    /// <c>averageExperiencedRebufferDuration</c>): fractional, or integers as Vbrick's OpenAPI types them.
    /// </summary>
    public EventRatios EventRatios { get; init; } = EventRatios.Fractional;

    public PostEventReport PostEventReport { get; init; } = PostEventReport.Served;

    public DeprecatedReportPath DeprecatedReportPath { get; init; } = DeprecatedReportPath.EventsPath;

    public CommentsShape Comments { get; init; } = CommentsShape.BareArray;

    /// <summary>Whether the API key may list zones (<c>GET /api/v2/zones</c>).</summary>
    public ZoneListAccess ZoneList { get; init; } = ZoneListAccess.Allowed;
}

public enum ScrollIds
{
    /// <summary>A new scroll id on every page.</summary>
    NewEachPage,

    /// <summary>One id for the scroll's whole life, as Elasticsearch-style scrolls do.</summary>
    Stable,
}

public enum ScrollEnd
{
    /// <summary>The last page carries no scroll id.</summary>
    NoScrollId,

    /// <summary>The last page still carries one, and an empty page ends the scroll.</summary>
    EmptyPage,
}

public enum ExpiredScroll
{
    Http400,

    /// <summary>HTTP 200 with an error body.</summary>
    ErrorBody,
}

public enum ContinuationFigures
{
    /// <summary>The figures of the scroll's first page.</summary>
    ScrollSnapshot,

    /// <summary>The figures of now.</summary>
    Fresh,
}

public enum RateLimitAnswer
{
    WithRetryAfter,
    WithoutRetryAfter,
}

public enum StatusFieldNames
{
    /// <summary><c>title</c> / <c>status</c>.</summary>
    Current,

    /// <summary><c>eventTitle</c> / <c>eventStatus</c>.</summary>
    Legacy,
}

public enum FieldFormats
{
    Strict,
    Loose,
}

public enum DurationUnit
{
    /// <summary>Fractional seconds.</summary>
    Seconds,

    /// <summary>Integer milliseconds.</summary>
    Milliseconds,
}

public enum EventRatios
{
    Fractional,
    WholeNumbers,
}

public enum PostEventReport
{
    Served,

    /// <summary>HTTP 404, as Rev before 7.36 answers.</summary>
    Missing,
}

public enum DeprecatedReportPath
{
    /// <summary>At the seed's <c>/api/v2/events/{id}/report</c> (and the OpenAPI's path).</summary>
    EventsPath,

    /// <summary>Only at the OpenAPI's <c>/api/v2/scheduled-events/{id}/report</c>.</summary>
    ScheduledEventsPathOnly,
}

public enum CommentsShape
{
    BareArray,

    /// <summary>Pages wrapped with a scroll id.</summary>
    Paged,
}

public enum ZoneListAccess
{
    Allowed,

    /// <summary>HTTP 401, as Rev answers a key without the right.</summary>
    Refused,
}
