using System.Text.Json;

namespace Vbrick.Exporter.Rev;

/// <summary>The account's zone list (<c>GET /api/v2/zones</c>, GET family): the names a zone census searches for.</summary>
public sealed partial class RevClient
{
    /// <summary>Every zone in the account's tree (nested <c>childZones</c> at any depth, and the <c>defaultZone</c>), each name once.</summary>
    public Task<IReadOnlyList<ZoneListing>> GetZonesAsync(CancellationToken cancellationToken) =>
        CallAsync<IReadOnlyList<ZoneListing>>(RevEndpoint.Zones, async deadline =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "api/v2/zones");
            using var response = await SendAsync(request, RevEndpoint.Zones, scrolling: false, deadline);
            using var document = await ReadDocumentAsync(response, deadline);
            if (document?.RootElement is not { ValueKind: JsonValueKind.Object } root)
            {
                throw new RevApiException(RevErrorKind.Malformed, "Rev's zone list is not a JSON object.");
            }

            var names = new List<ZoneListing>();
            if (root.TryGetProperty("defaultZone", out var defaultZone))
            {
                Collect(defaultZone, names, depth: 0);
            }

            if (root.TryGetProperty("zones", out var zones) && zones.ValueKind == JsonValueKind.Array)
            {
                foreach (var zone in zones.EnumerateArray())
                {
                    Collect(zone, names, depth: 0);
                }
            }

            return [.. names.DistinctBy(z => z.Name, StringComparer.Ordinal)];
        }, cancellationToken);

    /// <summary>Rev nests zones to any depth; a hostile tree cannot recurse past the JSON reader's own depth limit.</summary>
    private static void Collect(JsonElement zone, List<ZoneListing> names, int depth)
    {
        if (zone.ValueKind != JsonValueKind.Object || depth > 64)
        {
            return;
        }

        if (zone.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String && name.GetString() is { Length: > 0 and <= 256 } text && !string.IsNullOrWhiteSpace(text))
        {
            // supportsMulticast is a boolean in Vbrick's spec; anything else says nothing.
            bool? multicast = zone.TryGetProperty("supportsMulticast", out var flag) && flag.ValueKind is JsonValueKind.True or JsonValueKind.False ? flag.GetBoolean() : null;
            names.Add(new ZoneListing(text, multicast));
        }

        if (zone.TryGetProperty("childZones", out var children) && children.ValueKind == JsonValueKind.Array)
        {
            foreach (var child in children.EnumerateArray())
            {
                Collect(child, names, depth + 1);
            }
        }
    }
}
