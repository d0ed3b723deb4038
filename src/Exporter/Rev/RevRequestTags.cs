using Vbrick.Exporter.Budget;

namespace Vbrick.Exporter.Rev;

/// <summary>Per-request tags (on <see cref="HttpRequestMessage.Options"/>) the handlers and the resilience pipeline read; not an options class.</summary>
internal static class RevRequestTags
{
    public static readonly HttpRequestOptionsKey<RevEndpoint> Endpoint = new("vbrick.rev.endpoint");

    public static RevEndpoint EndpointOf(HttpRequestMessage request) =>
        request.Options.TryGetValue(Endpoint, out var endpoint) ? endpoint : RevEndpoint.EventStatus;

    /// <summary>
    /// Real-time attendee requests spend Rev's scarcest budget: no handler may send one again on
    /// its own. The budget scheduler decides when, and for which event, the next one goes.
    /// </summary>
    public static bool IsBudgeted(HttpRequestMessage request) => EndpointOf(request).Family == RequestFamily.RealtimeAttendees;
}
