using Vbrick.Rev.Simulator;
using Vbrick.Rev.Simulator.Audience;

namespace Vbrick.Exporter.Tests.Support;

/// <summary>Simulated tenants the tests share; events start before <see cref="ExporterHarness.Epoch"/> so they are live.</summary>
public static class SimulatorScenarios
{
    public const string SmallEventId = "11111111-1111-4111-8111-111111111111";
    public const string LargeEventId = "22222222-2222-4222-8222-222222222222";
    public const string ThirdEventId = "33333333-3333-4333-8333-333333333333";

    /// <summary>
    /// Settings for a harness that should not wait on Rev's real rate: 60 real-time requests a
    /// minute and a 5 s interval, plus whatever the test adds.
    /// </summary>
    public static Dictionary<string, string?> FastLimits(params (string Key, string Value)[] more)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Rev:RateLimits:RealtimeAttendeesPerMinute"] = "60",
            ["Polling:Interval"] = "00:00:05",
        };
        foreach (var (key, value) in more)
        {
            settings[key] = value;
        }

        return settings;
    }

    /// <summary>One live webcast that ends <paramref name="endsAfter"/> into the run, at 60 real-time requests a minute.</summary>
    public static RevSimulatorOptions EndingEvent(int viewers, TimeSpan endsAfter)
    {
        var simulated = LiveEvent(SmallEventId, viewers, seed: 12);
        simulated.Duration = (ExporterHarness.Epoch - simulated.StartsAt) + endsAfter;
        return new RevSimulatorOptions { RealtimeRequestsPerMinute = 60, Events = [simulated] };
    }

    public static SimulatedEvent LiveEvent(string id, int viewers, int seed = 3, RebufferSpike? spike = null) => new()
    {
        Id = id,
        Title = $"Town hall {seed}",
        Viewers = viewers,
        Seed = seed,
        StartsAt = ExporterHarness.Epoch - TimeSpan.FromMinutes(30),
        Duration = TimeSpan.FromHours(4),
        Spike = spike,
    };

    /// <inheritdoc cref="ZoneSets.TwentyZones"/>
    public static IReadOnlyList<(string? Zone, double Weight, bool Office)> TwentyZones => ZoneSets.TwentyZones;

    /// <summary>A live town hall over <see cref="TwentyZones"/>.</summary>
    public static SimulatedEvent TownHall(string id, int viewers, int seed, RebufferSpike? spike = null)
    {
        var townHall = LiveEvent(id, viewers, seed, spike);
        townHall.Zones = TwentyZones;
        return townHall;
    }

    /// <summary>A tenant at Rev's documented limits: 2 real-time requests a minute, scrolls kept 60 s.</summary>
    public static RevSimulatorOptions RevLimits(params SimulatedEvent[] events) => new()
    {
        RealtimeRequestsPerMinute = 2,
        ScrollLifetime = TimeSpan.FromSeconds(60),
        Events = [.. events],
    };

    public static RevSimulatorOptions OneEvent(int viewers, double? limitPerMinute = 2) => new()
    {
        RealtimeRequestsPerMinute = limitPerMinute,
        Events = [LiveEvent(SmallEventId, viewers)],
    };
}
