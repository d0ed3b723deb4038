using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Vbrick.Rev.Simulator.Faults;

namespace Vbrick.Rev.Simulator.Endpoints;

internal static class EventStatusEndpoints
{
    /// <summary>Rev's raw status of an event at a time, from its schedule.</summary>
    public static string StatusAt(SimulatedEvent simulated, DateTimeOffset now)
    {
        if (simulated.StatusOverride is { } forced)
        {
            return forced;
        }

        if (now < simulated.StartsAt - TimeSpan.FromMinutes(10))
        {
            return "Scheduled";
        }

        if (now < simulated.StartsAt)
        {
            return "Starting";
        }

        return now < simulated.StartsAt + simulated.Duration ? "Broadcasting" : "Completed";
    }

    public static void Map(WebApplication app, RevSimulator simulator)
    {
        app.MapGet("/api/v2/scheduled-events/{eventId}/status", async (HttpContext context, string eventId) =>
        {
            simulator.Stats.Record(FaultTarget.EventStatus, simulator.Time.GetUtcNow());
            var fault = simulator.Faults.Take(FaultTarget.EventStatus, false);
            if (await SimulatorHttp.RejectUnauthorizedAsync(context, simulator, fault)
                || await SimulatorHttp.ApplyGenericFaultAsync(context, simulator, fault)
                || await SimulatorHttp.FindEventAsync(context, simulator, eventId) is not { } audience)
            {
                return;
            }

            var simulated = audience.Event;
            var legacy = simulator.Options.LegacyStatusFieldNames;
            await context.Response.WriteAsJsonAsync(new Dictionary<string, object?>
            {
                [legacy ? "eventTitle" : "title"] = simulated.Title,
                ["startDate"] = simulated.StartsAt,
                ["endDate"] = simulated.StartsAt + simulated.Duration,
                [legacy ? "eventStatus" : "status"] = StatusAt(simulated, simulator.Time.GetUtcNow()),
                ["isPreProduction"] = false,
                ["reason"] = null,
            });
        });
    }
}
