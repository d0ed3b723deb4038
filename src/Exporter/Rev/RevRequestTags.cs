namespace Vbrick.Exporter.Rev;

/// <summary>Per-request tags (on <see cref="HttpRequestMessage.Options"/>) the handlers and the resilience pipeline read; not an options class.</summary>
internal static class RevRequestTags
{
    public static readonly HttpRequestOptionsKey<RevEndpoint> Endpoint = new("vbrick.rev.endpoint");

    public static RevEndpoint EndpointOf(HttpRequestMessage request) =>
        request.Options.TryGetValue(Endpoint, out var endpoint) ? endpoint : RevEndpoint.EventStatus;

    /// <summary>
    /// Whether no handler may send the request again on its own (<see cref="RevEndpoint.SingleAttempt"/>):
    /// the planner decides when the next real-time request goes, the status cadence when the next check does.
    /// </summary>
    public static bool IsSingleAttempt(HttpRequestMessage request) => EndpointOf(request).SingleAttempt;

    /// <summary>Set on a request answered 401 while the session was confirmed valid: the refusal is of the resource, not the token.</summary>
    public static readonly HttpRequestOptionsKey<bool> ResourceRefused = new("vbrick.rev.resource-refused");

    public static bool WasResourceRefused(HttpRequestMessage? request) =>
        request is not null && request.Options.TryGetValue(ResourceRefused, out var refused) && refused;
}
