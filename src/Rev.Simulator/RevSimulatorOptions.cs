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

    /// <summary>How sign-in and session extension write <c>expiration</c>: ISO-8601 (Rev's form), or a form a strict reader refuses.</summary>
    public ExpirationFormat ExpirationFormat { get; set; }

    /// <summary>Real-time attendee requests allowed per 60 s window for the account; null lifts the limit.</summary>
    public double? RealtimeRequestsPerMinute { get; set; } = 2;

    /// <summary>
    /// How long a scroll id stays valid after its last use. Rev documents 60 s (video search) and
    /// nothing for real-time attendees; 60 s is the default so every test runs under that rule.
    /// </summary>
    public TimeSpan ScrollLifetime { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Rev's spec writes attendee keys in PascalCase, its TypeScript client in camelCase.</summary>
    public KeyCasing AttendeeKeyCasing { get; set; } = KeyCasing.Pascal;

    /// <summary>Sessions in pre-production run 1 of every event (runs past 1 are empty).</summary>
    public int PreProductionSessions { get; set; }

    /// <summary>The shape of poll results: Rev's documented wrapper, a bare array, or Vbrick's single-object sample.</summary>
    public PollShape PollShape { get; set; } = PollShape.Wrapped;

    /// <summary>How a real-time search's <c>q</c> matches (Rev does not document it); substring by default.</summary>
    public Search.QueryMatchRule QueryMatchRule { get; set; } = Search.QueryMatchRule.Substring;

    /// <summary>How the tenant answers where Rev's reference is silent or differs by version.</summary>
    public RevDialect Dialect { get; set; } = RevDialect.Documented;

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
