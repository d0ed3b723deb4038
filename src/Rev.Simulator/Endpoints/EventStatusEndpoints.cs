using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Vbrick.Rev.Simulator.Faults;

namespace Vbrick.Rev.Simulator.Endpoints;

internal static class EventStatusEndpoints
{
    /// <summary>Rev's raw status of an event at a time, from its schedule, and whether it is a pre-production run's.</summary>
    public static (string Status, bool PreProduction) StatusAt(SimulatedEvent simulated, DateTimeOffset now)
    {
        if (simulated.StatusOverride is { } forced)
        {
            return (forced, false);
        }

        if (simulated.PreProduction is { } pre && now >= simulated.StartsAt - pre.Before && now < simulated.StartsAt - TimeSpan.FromMinutes(10))
        {
            return (now < simulated.StartsAt - pre.Before + pre.Duration ? "Broadcasting" : "Completed", true);
        }

        return (MainStatusAt(simulated, now), false);
    }

    private static string MainStatusAt(SimulatedEvent simulated, DateTimeOffset now)
    {
        if (now < simulated.StartsAt - TimeSpan.FromMinutes(10))
        {
            return "Scheduled";
        }

        if (now < simulated.StartsAt)
        {
            return "Starting";
        }

        if (now >= simulated.StartsAt + simulated.Duration)
        {
            return simulated.StatusAfterEnd;
        }

        var since = now - simulated.StartsAt;
        return simulated.StatusPauses.FirstOrDefault(p => since >= p.From && since < p.Until)?.Status ?? "Broadcasting";
    }

    public static void Map(WebApplication app, RevSimulator simulator)
    {
        app.MapGet("/api/v2/scheduled-events/{eventId}/status", async (HttpContext context, string eventId) =>
        {
            simulator.Stats.Record(FaultTarget.EventStatus, simulator.Time.GetUtcNow());
            var fault = simulator.Faults.Take(FaultTarget.EventStatus, false, eventId);
            if (await SimulatorHttp.RejectUnauthorizedAsync(context, simulator, fault)
                || await SimulatorHttp.ApplyGenericFaultAsync(context, simulator, fault)
                || await SimulatorHttp.FindEventAsync(context, simulator, eventId) is not { } audience)
            {
                return;
            }

            var simulated = audience.Event;
            var legacy = simulator.Options.Dialect.StatusFieldNames == StatusFieldNames.Legacy;
            var (status, preProduction) = StatusAt(simulated, simulator.Time.GetUtcNow());
            await context.Response.WriteAsJsonAsync(new Dictionary<string, object?>
            {
                [legacy ? "eventTitle" : "title"] = simulated.Title,
                ["startDate"] = simulated.StartsAt,
                ["endDate"] = simulated.StartsAt + (simulated.ScheduledDuration ?? simulated.Duration),
                [legacy ? "eventStatus" : "status"] = status,
                ["isPreProduction"] = simulator.Options.Dialect.FieldFormats == FieldFormats.Loose ? (preProduction ? "True" : "False") : preProduction,
                ["reason"] = null,
            });
        });
    }
}
