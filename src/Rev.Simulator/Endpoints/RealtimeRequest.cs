using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Vbrick.Rev.Simulator.Endpoints;

/// <summary>The real-time attendee search body, with Rev's defaults (50 a page, Base details, all statuses).</summary>
internal sealed record RealtimeRequest(int Count, string? ScrollId, string Status, string Details, string? SortField = null, bool Descending = false, string? Query = null, string? SearchField = null, int RunNumber = 0)
{
    public static async Task<RealtimeRequest> ReadAsync(HttpContext context)
    {
        int count = 50;
        string? scrollId = null;
        string status = "All", details = "Base";
        string? sortField = null, query = null, searchField = null;
        var descending = false;
        var run = 0;
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

            sortField = StringOf(root, "sortField");
            descending = string.Equals(StringOf(root, "sortDirection"), "desc", StringComparison.OrdinalIgnoreCase);
            query = StringOf(root, "q");
            searchField = StringOf(root, "searchField");
            if (root.TryGetProperty("runNumber", out var r) && r.TryGetInt32(out var runNumber))
            {
                run = runNumber;
            }
        }
        catch (JsonException)
        {
        }

        return new RealtimeRequest(count, scrollId, status, details, sortField, descending, query, searchField, run);
    }

    private static string? StringOf(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(value.GetString()) ? value.GetString() : null;

    /// <summary>
    /// Whether viewer <paramref name="index"/> matches <c>q</c> on the search fields under the
    /// tenant's <paramref name="rule"/> (Rev's is undocumented, so a client must check each record
    /// itself). ZoneName, StreamType and Browser are modelled; a request naming only other fields
    /// matches nothing, as a search on a field with no such value would.
    /// </summary>
    public bool Matches(Audience.AudienceModel audience, int index, Search.QueryMatchRule rule)
    {
        if (Query is null || SearchField is null)
        {
            return true;
        }

        foreach (var field in SearchField.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (Search.QueryMatcher.Matches(rule, Query, audience.SearchValueOf(index, field)))
            {
                return true;
            }
        }

        return false;
    }
}
