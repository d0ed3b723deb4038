using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Vbrick.Rev.Simulator.Endpoints;

/// <summary>The real-time attendee search body, with Rev's defaults (50 a page, Base details, all statuses).</summary>
internal sealed record RealtimeRequest(int Count, string? ScrollId, string Status, string Details)
{
    public static async Task<RealtimeRequest> ReadAsync(HttpContext context)
    {
        int count = 50;
        string? scrollId = null;
        string status = "All", details = "Base";
        try
        {
            using var body = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
            var root = body.RootElement;
            if (root.TryGetProperty("count", out var c) && c.TryGetInt32(out var n))
            {
                count = Math.Clamp(n, 1, 500);
            }

            if (root.TryGetProperty("scrollId", out var s) && s.ValueKind == JsonValueKind.String && !string.IsNullOrEmpty(s.GetString()))
            {
                scrollId = s.GetString();
            }

            if (root.TryGetProperty("status", out var st) && st.ValueKind == JsonValueKind.String)
            {
                status = st.GetString()!;
            }

            if (root.TryGetProperty("attendeeDetails", out var d) && d.ValueKind == JsonValueKind.String)
            {
                details = d.GetString()!;
            }
        }
        catch (JsonException)
        {
        }

        return new RealtimeRequest(count, scrollId, status, details);
    }
}
