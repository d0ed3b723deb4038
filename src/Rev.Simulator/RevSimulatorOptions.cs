namespace Vbrick.Rev.Simulator;

/// <summary>How the simulated Rev tenant behaves.</summary>
public sealed class RevSimulatorOptions
{
    public string ApiKey { get; set; } = "demo-api-key";

    public string Secret { get; set; } = "demo-secret";

    /// <summary>Session lifetime granted at sign-in and on extension.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Most records a page holds, whatever <c>count</c> asks (real-time pages and post-event report
    /// pages): a tenant that serves fewer than the 500 the exporter asks for.
    /// </summary>
    public int MaxPageSize { get; set; } = 500;

    /// <summary>
    /// Event-wide ratios written as integers, as Vbrick's OpenAPI types them
    /// (<c>experiencedErrorsPerAttendees</c>, <c>multicastErrorsPerAttendees</c>,
    /// <c>averageExperiencedRebufferDuration</c>).
    /// </summary>
    public bool IntegerEventRatios { get; set; }

    /// <summary>How sign-in and session extension write <c>expiration</c>: ISO-8601 (Rev's form), or a form a strict reader refuses.</summary>
    public ExpirationFormat ExpirationFormat { get; set; }

    /// <summary>
    /// Dates in the event list as <c>yyyy-MM-dd HH:mm:ss</c> (no <c>T</c>, no offset) and the status's
    /// <c>isPreProduction</c> as text: forms a strict reader refuses.
    /// </summary>
    public bool LooseFieldFormats { get; set; }

    /// <summary>A continuation page carries the event-wide figures of now, not of the scroll's first page (Rev does not say which).</summary>
    public bool FreshFiguresOnEveryPage { get; set; }

    /// <summary>Real-time attendee requests allowed per 60 s window for the account; null lifts the limit.</summary>
    public double? RealtimeRequestsPerMinute { get; set; } = 2;

    /// <summary>Whether a 429 carries <c>Retry-After</c> (no public source says Rev sends one).</summary>
    public bool SendRetryAfter { get; set; } = true;

    /// <summary>
    /// How long a scroll id stays valid after its last use. Rev documents 60 s (video search) and
    /// nothing for real-time attendees; 60 s is the default so every test runs under that rule.
    /// </summary>
    public TimeSpan ScrollLifetime { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Rev's spec writes attendee keys in PascalCase, its TypeScript client in camelCase.</summary>
    public KeyCasing AttendeeKeyCasing { get; set; } = KeyCasing.Pascal;

    /// <summary>When true the last page still carries a scroll id and an empty page ends the scroll.</summary>
    public bool EndScrollWithEmptyPage { get; set; }

    /// <summary>When true a scroll keeps one id for its whole life, as Elasticsearch-style scrolls do.</summary>
    public bool StableScrollIds { get; set; }

    /// <summary>An expired scroll answers HTTP 400 by default, or HTTP 200 with an error body.</summary>
    public bool ExpiredScrollAsErrorBody { get; set; }

    /// <summary>Older Rev versions name the status fields eventTitle / eventStatus.</summary>
    public bool LegacyStatusFieldNames { get; set; }

    /// <summary>False makes the post-event report answer 404, as Rev before 7.36 does.</summary>
    public bool PostEventReportAvailable { get; set; } = true;

    /// <summary>
    /// Whether the deprecated report is served at the seed's <c>/api/v2/events/{id}/report</c> (default)
    /// or only at the OpenAPI's <c>/api/v2/scheduled-events/{id}/report</c>.
    /// </summary>
    public bool DeprecatedReportAtScheduledEventsPathOnly { get; set; }

    /// <summary>Sessions in pre-production run 1 of every event (runs past 1 are empty).</summary>
    public int PreProductionSessions { get; set; }

    /// <summary>The shape of poll results: Rev's documented wrapper, a bare array, or Vbrick's single-object sample.</summary>
    public PollShape PollShape { get; set; } = PollShape.Wrapped;

    /// <summary>
    /// The durations Vbrick's spec types as integers (real-time <c>averageExperiencedRebufferDuration</c>,
    /// post-event <c>rebufferDuration</c>) as integer milliseconds instead of fractional seconds.
    /// </summary>
    public bool IntegerDurationsInMilliseconds { get; set; }

    /// <summary>The per-attendee real-time durations (floats in Vbrick's spec) as integer milliseconds.</summary>
    public bool LiveDurationsInMilliseconds { get; set; }

    /// <summary>Whether comments come as a bare array (default) or as pages wrapped with a scroll id.</summary>
    public bool CommentsPaged { get; set; }

    /// <summary>How a real-time search's <c>q</c> matches (Rev does not document it); substring by default.</summary>
    public Search.QueryMatchRule QueryMatchRule { get; set; } = Search.QueryMatchRule.Substring;

    /// <summary>Whether the API key may list zones (<c>GET /api/v2/zones</c>); false answers 401, as Rev does for a key without the right.</summary>
    public bool ZoneListAllowed { get; set; } = true;

    public List<SimulatedEvent> Events { get; set; } = [];
}

/// <summary>How <c>expiration</c> is written.</summary>
public enum ExpirationFormat
{
    Iso,

    /// <summary>No <c>expiration</c> at all.</summary>
    Missing,

    /// <summary>Text no date parser reads ("in 60 minutes").</summary>
    Text,

    /// <summary>A number (Unix milliseconds).</summary>
    Number,

    /// <summary>Date and time without <c>T</c> or offset.</summary>
    Loose,
}
