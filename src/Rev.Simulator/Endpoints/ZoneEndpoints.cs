using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Vbrick.Rev.Simulator.Audience;

namespace Vbrick.Rev.Simulator.Endpoints;

/// <summary>
/// <c>GET /api/v2/zones</c> (OpenAPI <c>getZones</c>): the account's zones as Rev nests them. The
/// offices of every event sit under one parent zone's <c>childZones</c>, the other zones at the top,
/// and the account's <c>defaultZone</c> beside them, so a client must walk the tree.
/// </summary>
internal static class ZoneEndpoints
{
    public const string OfficesParent = "Corporate Offices";
    public const string DefaultZone = "Default Zone";

    public static void Map(WebApplication app, RevSimulator simulator)
    {
        app.MapGet("/api/v2/zones", async (HttpContext context) =>
        {
            simulator.Stats.Record(Faults.FaultTarget.Zones, simulator.Time.GetUtcNow());
            var fault = simulator.Faults.Take(Faults.FaultTarget.Zones, false);
            if (await SimulatorHttp.RejectUnauthorizedAsync(context, simulator, fault)
                || await SimulatorHttp.ApplyGenericFaultAsync(context, simulator, fault))
            {
                return;
            }

            if (simulator.Options.Dialect.ZoneList == ZoneListAccess.Refused)
            {
                await SimulatorHttp.WriteErrorAsync(context, StatusCodes.Status401Unauthorized, "Unauthorized", "Not allowed to list zones.");
                return;
            }

            var zones = ZonesOf(simulator);
            var offices = zones.Where(z => z.Office).Select(z => Node(z.Name, multicast: true, [])).ToList();
            var top = new List<Dictionary<string, object?>> { Node(OfficesParent, multicast: false, offices) };
            top.AddRange(zones.Where(z => !z.Office).Select(z => Node(z.Name, multicast: false, [])));
            await context.Response.WriteAsJsonAsync(new Dictionary<string, object?>
            {
                ["accountId"] = "simulated-account",
                ["defaultZone"] = new Dictionary<string, object?> { ["name"] = DefaultZone, ["supportsMulticast"] = false, ["fallbackToSource"] = true },
                ["zones"] = top,
            });
        });
    }

    /// <summary>Every named zone of every event, each once.</summary>
    public static List<(string Name, bool Office)> ZonesOf(RevSimulator simulator)
    {
        var seen = new Dictionary<string, bool>(StringComparer.Ordinal);
        lock (simulator.Options.Events)
        {
            foreach (var simulated in simulator.Options.Events.Where(e => !e.DistinctZonePerViewer))
            {
                foreach (var (zone, _, office) in simulated.Zones ?? AudienceModel.DefaultZones)
                {
                    if (zone is not null)
                    {
                        seen.TryAdd(zone, office);
                    }
                }
            }
        }

        return [.. seen.Select(z => (z.Key, z.Value))];
    }

    /// <summary>FNV-1a over the name: the same id in every run (string hash codes differ per process).</summary>
    private static uint StableId(string name)
    {
        var hash = 2166136261u;
        foreach (var c in name)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return hash;
    }

    private static Dictionary<string, object?> Node(string name, bool multicast, List<Dictionary<string, object?>> children) => new()
    {
        ["id"] = $"zone-{StableId(name):x8}",
        ["name"] = name,
        ["parentZoneId"] = null,
        ["supportsMulticast"] = multicast,
        ["fallbackToSource"] = true,
        ["revConnectEnabled"] = false,
        ["childZones"] = children,
    };
}
