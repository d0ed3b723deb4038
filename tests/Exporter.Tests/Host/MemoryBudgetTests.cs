using System.Globalization;
using Vbrick.Exporter.Tests.Support;
using Vbrick.Rev.Simulator;
using Vbrick.Rev.Simulator.Faults;

namespace Vbrick.Exporter.Tests.Host;

/// <summary>
/// The shipped container's memory limit against the default caps, filled: the built exporter runs
/// as a process under the GC heap limit .NET derives from a 512 MiB container (75 %), sweeps two
/// town halls whose sessions together pass <c>Events:MaxTrackedSessions</c>, and must stay alive,
/// serve <c>/metrics</c> and peak a quarter below the limit.
/// </summary>
[Trait(Tier.Name, Tier.Slow)]
[Collection(SoakRunsAlone.Name)]
public sealed class MemoryBudgetTests
{
    private const long ContainerLimit = 512L * 1024 * 1024;
    private const string First = "00000000-0000-4000-8000-00000000a001";
    private const string Second = "00000000-0000-4000-8000-00000000a002";

    [Fact]
    public async Task DefaultCapsFilled_FitTheShippedContainerLimit_AndAnOversizedPageIsCounted()
    {
        var now = DateTimeOffset.UtcNow;
        SimulatedEvent TownHall(string id, int seed) => new() { Id = id, Viewers = 400_000, Seed = seed, StartsAt = now - TimeSpan.FromHours(1), Duration = TimeSpan.FromHours(3) };
        var options = new RevSimulatorOptions { RealtimeRequestsPerMinute = null, ScrollLifetime = TimeSpan.FromHours(1), Events = [TownHall(First, 51), TownHall(Second, 52)] };
        await using var simulator = new RevSimulator(options);
        // A Rev that ignores `count` once: a first page of 400,000 records where 500 were asked.
        simulator.Faults.Add(new Fault(FaultTarget.RealtimeAttendees, FaultKind.OversizedPage) { Size = 400_000, EventId = First });
        await simulator.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        var sessions = new[] { First, Second }.Sum(id => simulator.Audience(id).RecordsAt(now).Count());
        Assert.True(sessions > 640_000, $"only {sessions:N0} sessions: the default allowance would not fill");

        var port = ExporterProcess.FreePort();
        var arguments = new List<string> { "--urls", $"http://127.0.0.1:{port}" };
        foreach (var (key, value) in simulator.ClientSettings())
        {
            arguments.Add($"--{key}={value}");
        }

        arguments.Add("--Rev:RateLimits:RealtimeAttendeesPerMinute=10000");
        arguments.Add("--Logging:LogLevel:Default=Warning");
        await using var exporter = ExporterProcess.Start(arguments, new Dictionary<string, string>
        {
            // As in the shipped image (Dockerfile) under the shipped limit (deploy/kubernetes).
            ["DOTNET_gcServer"] = "0",
            ["DOTNET_GCHeapHardLimit"] = (ContainerLimit * 3 / 4).ToString("X", CultureInfo.InvariantCulture),
        });
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };

        Scrape? scrape = null;
        try
        {
            scrape = await Eventually.ValueAsync(
                async () => await ScrapeAsync(http, exporter),
                s => s is not null && new[] { First, Second }.All(id => s.Value("vbrick_webcast_sweeps_total", ("event_id", id), ("outcome", "completed")) >= 2),
                TimeSpan.FromMinutes(4),
                "two complete sweeps of both town halls",
                TimeSpan.FromSeconds(2));
        }
        catch (TimeoutException)
        {
            var last = await http.GetStringAsync(new Uri("/metrics", UriKind.Relative), TestContext.Current.CancellationToken);
            Assert.Fail("no two complete sweeps of both town halls within 4 minutes: " + string.Join('\n', last.Split('\n').Where(l => l.Contains("sweeps_total", StringComparison.Ordinal) || l.Contains("planned", StringComparison.Ordinal) || l.Contains("failures_total{", StringComparison.Ordinal) || l.Contains("rev_requests_total{", StringComparison.Ordinal))) + exporter.Stderr + exporter.Stdout);
        }

        var peak = exporter.PeakResidentBytes();
        Assert.False(exporter.HasExited, exporter.Stderr);
        Assert.Equal(600_000, scrape!.Series("vbrick_webcast_tracked_sessions").Sum(s => s.Value));
        Assert.True(scrape.Series("vbrick_webcast_invalid_records_total", ("reason", "sessions_over_cap")).Sum(s => s.Value) > 0);
        Assert.Equal(1, scrape.Value("vbrick_webcast_request_failures_total", ("event_id", First), ("reason", "malformed")));
        Assert.True(peak < ContainerLimit * 3 / 4, $"peak RSS {peak / 1048576.0:0} MiB: less than a quarter of the 512 MiB limit to spare");
        TestContext.Current.TestOutputHelper?.WriteLine($"peak RSS {peak / 1048576.0:0} MiB with {sessions:N0} sessions offered, 600,000 tracked");
    }

    private static async Task<Scrape?> ScrapeAsync(HttpClient http, ExporterProcess exporter)
    {
        Assert.False(exporter.HasExited, "the exporter died: " + exporter.Stderr);
        try
        {
            return new Scrape(await http.GetStringAsync(new Uri("/metrics", UriKind.Relative)));
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }
}
