using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Vbrick.Rev.Simulator;

namespace Vbrick.Exporter.Tests.Support;

/// <summary>
/// The real host (<c>Program</c>) on the test server, polling a simulator on loopback in real time.
/// The simulator's limit is lifted and the interval short, so the first sweep lands within a second.
/// </summary>
public sealed class ExporterHostFixture : IAsyncLifetime
{
    public RevSimulator Simulator { get; private set; } = null!;

    public WebApplicationFactory<Program> Factory { get; private set; } = null!;

    public CapturingLoggerProvider Logs { get; } = new();

    public async ValueTask InitializeAsync()
    {
        var options = new RevSimulatorOptions
        {
            RealtimeRequestsPerMinute = null,
            Secret = "host-fixture-secret-value",
            Events =
            [
                SimulatorScenarios.LiveEvent(SimulatorScenarios.SmallEventId, 800, seed: 21),
                SimulatorScenarios.LiveEvent(SimulatorScenarios.LargeEventId, 300, seed: 22),
            ],
        };
        foreach (var simulated in options.Events)
        {
            simulated.StartsAt = DateTimeOffset.UtcNow - TimeSpan.FromMinutes(30);
        }

        Simulator = new RevSimulator(options);
        await Simulator.StartAsync();
        var settings = new Dictionary<string, string?>
        {
            ["Rev:RateLimits:RealtimeAttendeesPerMinute"] = "600",
            ["Polling:Interval"] = "00:00:01",
            ["Events:Ids:0"] = SimulatorScenarios.SmallEventId,
            ["Events:Ids:1"] = SimulatorScenarios.LargeEventId,
        };
        Factory = TestHost.For(Simulator, settings, web => web.ConfigureServices(services => services.AddLogging(b => b.AddProvider(Logs).SetMinimumLevel(LogLevel.Trace))));
        _ = Factory.Server;
    }

    /// <summary>Scrapes until every event has a complete sweep (bounded: the sweep takes a few seconds at most).</summary>
    public async Task<string> ScrapeAfterSweepsAsync()
    {
        using var client = Factory.CreateClient();
        return await Eventually.ValueAsync(
            () => client.GetStringAsync(new Uri("/metrics", UriKind.Relative)),
            text => new Scrape(text) is var scrape
                && scrape.Value("vbrick_webcast_sweeps_total", ("event_id", SimulatorScenarios.SmallEventId), ("outcome", "completed")) >= 2
                && scrape.Value("vbrick_webcast_sweeps_total", ("event_id", SimulatorScenarios.LargeEventId), ("outcome", "completed")) >= 2,
            TimeSpan.FromSeconds(30),
            "two complete sweeps of each event on the host");
    }

    public async ValueTask DisposeAsync()
    {
        await Factory.DisposeAsync();
        await Simulator.DisposeAsync();
    }
}
