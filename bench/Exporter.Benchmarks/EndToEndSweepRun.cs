using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Vbrick.Exporter.Hosting;
using Vbrick.Exporter.Metrics;
using Vbrick.Exporter.Polling;
using Vbrick.Exporter.Rev;
using Vbrick.Rev.Simulator;

namespace Vbrick.Exporter.Benchmarks;

/// <summary>
/// End to end over loopback HTTP with Rev's rate limit lifted: the simulator runs in a child process
/// (so its CPU and memory are not counted), the exporter's real client, streaming reader, sweep and
/// publication run here. Reports time and exporter CPU per complete sweep, peak working set and the
/// managed bytes each tracked session costs.
/// </summary>
public static class EndToEndSweepRun
{
    private const string EventId = "00000000-0000-4000-8000-000000000001";

    public static async Task RunAsync(TextWriter output, int[] viewerCounts)
    {
        await output.WriteLineAsync("| viewers | sessions | pages | sweep time s | exporter CPU s / sweep | CPU µs / attendee | peak working set MiB | managed bytes / tracked session |");
        await output.WriteLineAsync("|---|---|---|---|---|---|---|---|");
        foreach (var viewers in viewerCounts)
        {
            await RunOneAsync(output, viewers);
        }
    }

    /// <summary>The child process: a simulator with one live event and no rate limit.</summary>
    public static async Task ServeAsync(int viewers)
    {
        var options = new RevSimulatorOptions
        {
            RealtimeRequestsPerMinute = null,
            ScrollLifetime = TimeSpan.FromHours(1),
            Events = [new SimulatedEvent { Id = EventId, Viewers = viewers, Seed = 5, StartsAt = DateTimeOffset.UtcNow - TimeSpan.FromHours(2), Duration = TimeSpan.FromHours(4) }],
        };
        await using var simulator = new RevSimulator(options);
        await simulator.StartAsync();
        Console.WriteLine("ready " + simulator.BaseAddress);
        await Console.In.ReadLineAsync();
    }

    private static async Task RunOneAsync(TextWriter output, int viewers)
    {
        using var child = Process.Start(new ProcessStartInfo("dotnet", [typeof(EndToEndSweepRun).Assembly.Location, "simulator", viewers.ToString(CultureInfo.InvariantCulture)])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
        })!;
        var ready = await child.StandardOutput.ReadLineAsync() ?? throw new InvalidOperationException("simulator did not start");
        var url = ready["ready ".Length..];
        try
        {
            var settings = new Dictionary<string, string?>
            {
                ["Rev:Url"] = url,
                ["Rev:ApiKey"] = "demo-api-key",
                ["Rev:Secret"] = "demo-secret",
                ["Rev:AllowInsecureHttp"] = "true",
                ["Rev:RateLimits:RealtimeAttendeesPerMinute"] = "10000",
                ["Events:Ids:0"] = EventId,
            };
            var services = new ServiceCollection();
            services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
            services.AddSingleton(TimeProvider.System);
            services.AddExporterCore(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
            await using var provider = services.BuildServiceProvider();
            var sweeper = provider.GetRequiredService<RealtimeSweeper>();
            var metrics = provider.GetRequiredService<ExporterMetrics>();
            var watched = new WatchedEvent(EventId, EventOrigin.Configured, 50, DateTimeOffset.UtcNow) { Phase = EventPhase.Live };

            var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
            await SweepAsync(sweeper, metrics, watched, 1);

            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            var requestsBefore = metrics.RevCalls.Answered(RevEndpoint.RealtimeAttendees, 200);
            await SweepAsync(sweeper, metrics, watched, 2);
            var elapsed = clock.Elapsed;
            var cpuUsed = Process.GetCurrentProcess().TotalProcessorTime - cpu;
            var pages = metrics.RevCalls.Answered(RevEndpoint.RealtimeAttendees, 200) - requestsBefore;
            var heapAfter = GC.GetTotalMemory(forceFullCollection: true);
            var sessions = watched.Audience.TrackedSessions;
            var peak = Process.GetCurrentProcess().PeakWorkingSet64;
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"| {viewers:N0} | {sessions:N0} | {pages:0} | {elapsed.TotalSeconds:0.00} | {cpuUsed.TotalSeconds:0.00} | {cpuUsed.TotalMicroseconds / sessions:0.0} | {peak / 1048576.0:0} | {(heapAfter - heapBefore) / (double)sessions:0} |"));
        }
        finally
        {
            child.StandardInput.Close();
            await child.WaitForExitAsync();
        }
    }

    private static async Task SweepAsync(RealtimeSweeper sweeper, ExporterMetrics metrics, WatchedEvent watched, int sweeps)
    {
        while (metrics.Sweeps.WithLabels(EventId, "completed").Value < sweeps)
        {
            if (metrics.Sweeps.WithLabels(EventId, "failed").Value > 0)
            {
                throw new InvalidOperationException("a page failed during the benchmark");
            }

            var kind = watched.Plan.HasOpenScroll ? PlannedKind.Continue : PlannedKind.StartSweep;
            await sweeper.RunAsync(new PlannedRequest(watched, kind, DateTimeOffset.UtcNow), [new PlanInput(watched)], CancellationToken.None);
        }
    }
}
