using System.Diagnostics;
using System.Globalization;
using Vbrick.Exporter.Tests.Support;
using Vbrick.Rev.Simulator;

namespace Vbrick.Exporter.Tests.Host;

/// <summary>
/// A bounded soak: the real host polls tens of thousands of simulated viewers as fast as the
/// simulator allows while four clients scrape <c>/metrics</c> without pause. CI runs 30 s;
/// <c>SOAK_SECONDS=600 dotnet test --filter Soak</c> runs the long version.
/// </summary>
[Trait(Tier.Name, Tier.Slow)]
[Collection(SoakRunsAlone.Name)]
public sealed class SoakTests
{
    [Fact]
    public async Task Soak_HeavyPollingWithConcurrentScrapes_MemoryFlatNoSeriesLeakScrapesFast()
    {
        var seconds = int.TryParse(Environment.GetEnvironmentVariable("SOAK_SECONDS"), NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : 30;
        var now = DateTimeOffset.UtcNow;
        var options = new RevSimulatorOptions
        {
            RealtimeRequestsPerMinute = null,
            Events =
            [
                new SimulatedEvent { Id = SimulatorScenarios.SmallEventId, Viewers = 20_000, Seed = 41, StartsAt = now - TimeSpan.FromMinutes(2), Duration = TimeSpan.FromMinutes(30), EarlyLeaverShare = 0.6 },
                new SimulatedEvent { Id = SimulatorScenarios.LargeEventId, Viewers = 5_000, Seed = 42, StartsAt = now - TimeSpan.FromMinutes(1), Duration = TimeSpan.FromMinutes(20), EarlyLeaverShare = 0.6 },
            ],
        };
        await using var simulator = new RevSimulator(options);
        await simulator.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        await using var factory = TestHost.For(simulator, new Dictionary<string, string?>
        {
            ["Rev:RateLimits:RealtimeAttendeesPerMinute"] = "6000",
            ["Polling:Interval"] = "00:00:01",
            ["Events:Ids:0"] = SimulatorScenarios.SmallEventId,
            ["Events:Ids:1"] = SimulatorScenarios.LargeEventId,
            ["Logging:LogLevel:Default"] = "Warning",
        });
        using var client = factory.CreateClient();
        await Eventually.UntilAsync(
            async () => WarmedUp(new Scrape(await client.GetStringAsync(new Uri("/metrics", UriKind.Relative), TestContext.Current.CancellationToken))),
            TimeSpan.FromMinutes(2),
            "a complete sweep of both events",
            every: TimeSpan.FromMilliseconds(200));

        var latencies = new List<double>();
        var memory = new List<long>();
        var series = new List<int>();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        var scrapers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            var mine = new List<double>();
            while (!stop.IsCancellationRequested)
            {
                var started = Stopwatch.GetTimestamp();
                var text = await client.GetStringAsync(new Uri("/metrics", UriKind.Relative), CancellationToken.None);
                mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                lock (series)
                {
                    series.Add(new Scrape(text).Samples.Count);
                }
            }

            return mine;
        })).ToList();
        while (!stop.IsCancellationRequested)
        {
            memory.Add(GC.GetTotalMemory(forceFullCollection: true));
            await Task.Delay(TimeSpan.FromSeconds(Math.Max(1, seconds / 10)), CancellationToken.None);
        }

        foreach (var scraper in scrapers)
        {
            latencies.AddRange(await scraper);
        }

        var final = new Scrape(await client.GetStringAsync(new Uri("/metrics", UriKind.Relative), TestContext.Current.CancellationToken));
        latencies.Sort();
        var p99 = latencies[(int)(latencies.Count * 0.99)];
        Assert.True(final.Value("vbrick_webcast_sweeps_total", ("outcome", "completed")) >= 3);
        Assert.True(latencies.Count > 100, $"{latencies.Count} scrapes");
        Assert.True(p99 < 500, $"p99 scrape latency {p99:0} ms");
        Assert.True(memory[^1] < (memory[0] * 1.5) + (64L << 20), $"heap grew from {memory[0] >> 20} MiB to {memory[^1] >> 20} MiB");
        // Series grow while the label space fills (leavers add offline series); a leak keeps growing.
        var midpoint = series[series.Count / 2];
        Assert.True(series[^1] <= (midpoint * 1.1) + 200, $"series went from {midpoint} at half time to {series[^1]}: {string.Join(",", series.Distinct())}");
        Assert.Equal(0, final.Value("vbrick_exporter_loop_failures_total"));
        Assert.Null(final.Value("vbrick_webcast_request_failures_total"));
    }

    // Both events have published a sweep, so every label combination they have has shown up once.
    private static bool WarmedUp(Scrape scrape) =>
        scrape.Value("vbrick_webcast_sweeps_total", ("event_id", SimulatorScenarios.SmallEventId), ("outcome", "completed")) >= 1
        && scrape.Value("vbrick_webcast_sweeps_total", ("event_id", SimulatorScenarios.LargeEventId), ("outcome", "completed")) >= 1;
}

/// <summary>
/// The soak measures scrape latency: it runs alone, after the other tests, so a browser or a
/// Prometheus started by another slow test does not take its CPU.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SoakRunsAlone
{
    public const string Name = "Soak (runs alone)";
}
