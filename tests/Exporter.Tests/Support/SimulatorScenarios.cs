using Vbrick.Rev.Simulator;

namespace Vbrick.Exporter.Tests.Support;

/// <summary>Simulated tenants the tests share; events start before <see cref="ExporterHarness.Epoch"/> so they are live.</summary>
public static class SimulatorScenarios
{
    public const string SmallEventId = "11111111-1111-4111-8111-111111111111";
    public const string LargeEventId = "22222222-2222-4222-8222-222222222222";
    public const string ThirdEventId = "33333333-3333-4333-8333-333333333333";

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

    /// <summary>
    /// Nineteen named zones and a share with none, as a large company's town hall has them. "London"
    /// is contained in "HQ London", and most office names share the word "Office", so a search's
    /// match rule matters; "London" and "Zurich Office" are small enough to fit a page.
    /// </summary>
    public static readonly IReadOnlyList<(string? Zone, double Weight, bool Office)> TwentyZones =
    [
        ("HQ London", 0.14, true), ("London", 0.004, true), ("New York Office", 0.10, true), ("Singapore Office", 0.06, true),
        ("Oslo Office", 0.05, true), ("Paris Office", 0.05, true), ("Frankfurt Office", 0.05, true), ("Sydney Office", 0.04, true),
        ("Toronto Office", 0.04, true), ("Tokyo Office", 0.04, true), ("Mumbai Office", 0.03, true), ("Sao Paulo Office", 0.03, true),
        ("Madrid Office", 0.02, true), ("Dublin Office", 0.02, true), ("Chicago Office", 0.02, true), ("Austin Office", 0.01, true),
        ("Zurich Office", 0.006, true), ("VPN", 0.12, false), ("Home / Internet", 0.16, false), (null, 0.01, false),
    ];

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
