namespace Vbrick.Rev.Simulator.Faults;

public enum FaultKind
{
    /// <summary>Answer with <see cref="Fault.StatusCode"/> (and Retry-After for 429 when given).</summary>
    Status,

    /// <summary>Wait <see cref="Fault.Delay"/> before answering normally.</summary>
    Delay,

    /// <summary>A 200 whose JSON breaks off in the middle of the attendees.</summary>
    TruncatedJson,

    /// <summary>A 200 whose body is not JSON at all.</summary>
    MalformedJson,

    /// <summary>A 200 with an HTML error page, as a gateway would send.</summary>
    HtmlBody,

    /// <summary>A 200 with no body.</summary>
    EmptyBody,

    /// <summary>Headers and the start of a JSON body, then nothing for <see cref="Fault.Delay"/> (a half-open connection, a stuck proxy).</summary>
    StallBody,

    /// <summary>A 200 with the post-event report's error shape: no sessions and an <c>errorDescription</c>.</summary>
    ErrorDescription,

    /// <summary>The scroll is forgotten before the request is served.</summary>
    ExpireScroll,

    /// <summary>The previous page is served again, with the same scroll id.</summary>
    RepeatPage,

    /// <summary>The aggregation is "Initiated": counts only, no attendees.</summary>
    Initiated,

    /// <summary>The aggregation is "Initiated" with every count 0 (Rev's aggregation just starting, while people watch).</summary>
    InitiatedEmpty,

    /// <summary>Every issued token is revoked before the request is checked.</summary>
    ExpireTokens,

    /// <summary>The connection is dropped without an answer.</summary>
    ResetConnection,

    /// <summary>
    /// A 200 whose body is a valid JSON array of <see cref="Fault.Size"/> bytes, sent in chunks with
    /// no length declared (so only a reader that counts can stop it).
    /// </summary>
    HugeBody,

    /// <summary>The attendees array also carries items that are not objects (a number, null, a string).</summary>
    JunkItems,

    /// <summary>The page holds up to <see cref="Fault.Size"/> records, whatever <c>count</c> asked (a Rev that ignores its own parameter).</summary>
    OversizedPage,
}
