using Vbrick.Rev.Simulator;

namespace Vbrick.Exporter.Demo;

/// <summary>
/// Demo mode: starts the Rev simulator in-process on a loopback port and configures the exporter
/// for it, so a fresh clone shows live-looking metrics with one command and no Rev account.
/// </summary>
public static class DemoMode
{
    private const string Flag = "--demo";

    /// <summary>Turns the bare <c>--demo</c> switch into configuration the command-line provider understands.</summary>
    public static string[] TranslateArguments(string[] args) =>
        [.. args.Select(a => string.Equals(a, Flag, StringComparison.OrdinalIgnoreCase) ? "--Demo:Enabled=true" : a)];

    /// <summary>Starts the simulator when demo mode is on; it stops with the host.</summary>
    public static async Task AddDemoSimulatorAsync(this WebApplicationBuilder builder)
    {
        if (Configured(builder) is not { } demo)
        {
            return;
        }

        var simulator = new RevSimulator(CreateSimulatorOptions(demo, TimeProvider.System.GetUtcNow()));
        await simulator.StartAsync();
        builder.Services.AddSingleton(simulator);
        builder.Configuration.AddInMemoryCollection(Settings(demo, simulator.ClientSettings()));
    }

    /// <summary>
    /// The settings demo mode gives, pointing at a simulator that is not started (its port is only
    /// known once it runs): what <c>--check-config --demo</c> validates.
    /// </summary>
    public static void AddDemoPlaceholderSettings(this WebApplicationBuilder builder)
    {
        if (Configured(builder) is not { } demo)
        {
            return;
        }

        var options = CreateSimulatorOptions(demo, TimeProvider.System.GetUtcNow());
        builder.Configuration.AddInMemoryCollection(Settings(demo, new Dictionary<string, string?>
        {
            ["Rev:Url"] = "http://127.0.0.1:1/",
            ["Rev:ApiKey"] = options.ApiKey,
            ["Rev:Secret"] = options.Secret,
            ["Rev:AllowInsecureHttp"] = "true",
        }));
    }

    private static DemoOptions? Configured(WebApplicationBuilder builder) =>
        builder.Configuration.GetSection(DemoOptions.SectionName).Get<DemoOptions>() is { Enabled: true } demo ? demo : null;

    private static Dictionary<string, string?> Settings(DemoOptions demo, Dictionary<string, string?> client)
    {
        // The demo finds its webcasts the way a large tenant would: by discovery, not by id.
        foreach (var key in client.Keys.Where(k => k.StartsWith("Events:Ids:", StringComparison.Ordinal)).ToList())
        {
            client.Remove(key);
        }

        foreach (var (key, value) in new Dictionary<string, string?>
        {
            ["Rev:RateLimits:RealtimeAttendeesPerMinute"] = demo.RealtimeRequestsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Polling:Interval"] = "00:00:05",
            ["Polling:StatusInterval"] = "00:00:15",
            ["PostEvent:SettleDelay"] = "00:00:30",
            ["Events:Discover"] = "true",
            ["Events:DiscoverInterval"] = "00:00:20",
        })
        {
            client[key] = value;
        }

        return client;
    }

    public static RevSimulatorOptions CreateSimulatorOptions(DemoOptions demo, DateTimeOffset now)
    {
        var townHall = Event("6f1c2a9e-4d1b-4c55-9a57-2b1f0d3e7a01", "Global all-hands town hall", 4_000, seed: 7, now - TimeSpan.FromMinutes(20), TimeSpan.FromHours(3));
        townHall.Spike = new RebufferSpike("Singapore Office", TimeSpan.FromMinutes(20 + demo.SpikeStartsAfterMinutes), TimeSpan.FromMinutes(demo.SpikeMinutes));
        return new()
        {
            RealtimeRequestsPerMinute = demo.RealtimeRequestsPerMinute,
            Events =
            [
                townHall,
                KickOff(demo, now),

                // Goes live a minute after start-up and ends five minutes later, so the demo shows
                // an event's whole life: live, ended, and its summary appearing.
                Event("9a3e5b71-2c4d-4e6f-8a1b-3c5d7e9f1a03", "Product launch briefing", 900, seed: 13, now + TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5)),
            ],
        };
    }

    // Small enough to be swept at Rev's rate, so its delivery per zone is counted exactly.
    private static SimulatedEvent KickOff(DemoOptions demo, DateTimeOffset now)
    {
        var kickOff = Event("0b7d93c4-5e2f-4a8b-b1c6-8e4f2a9d6c02", "EMEA sales kick-off", 700, seed: 11, now - TimeSpan.FromMinutes(5), TimeSpan.FromHours(2));
        if (!string.IsNullOrWhiteSpace(demo.MulticastFallbackZone))
        {
            kickOff.MulticastFallback = (demo.MulticastFallbackZone, 0.9);
        }

        return kickOff;
    }

    private static SimulatedEvent Event(string id, string title, int viewers, int seed, DateTimeOffset startsAt, TimeSpan duration) =>
        new() { Id = id, Title = title, Viewers = viewers, Seed = seed, StartsAt = startsAt, Duration = duration };
}
