using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Vbrick.Exporter.Hosting;
using Vbrick.Exporter.Metrics;
using Vbrick.Exporter.Polling;
using Vbrick.Rev.Simulator;
using Vbrick.Rev.Simulator.Faults;

namespace Vbrick.Exporter.Benchmarks;

/// <summary>
/// Rev budget efficiency: the exporter with its defaults against a simulated Rev enforcing 2
/// real-time requests a minute, over two hours of fake time, compared with a perfect scheduler that
/// uses every slot and needs exactly ceil(viewers / 500) pages per sweep.
/// </summary>
public static class BudgetEfficiencyRun
{
    private static readonly DateTimeOffset Epoch = new(2026, 11, 28, 10, 0, 0, TimeSpan.Zero);

    public static async Task RunAsync(TextWriter output)
    {
        await output.WriteLineAsync("| events | viewers | slots used | 429s | sign-ins | event (viewers) | pages/sweep | sweeps (ideal) | mean breakdown age s (ideal) | mean figures age s |");
        await output.WriteLineAsync("|---|---|---|---|---|---|---|---|---|---|");
        foreach (var viewers in new[] { new[] { 10_000 }, [300, 2_000, 10_000, 30_000, 100_000], Spread(20) })
        {
            await RunScenarioAsync(viewers, output);
        }
    }

    private static int[] Spread(int count) =>
        [.. Enumerable.Range(0, count).Select(i => (int)Math.Round(300 * Math.Pow(100_000 / 300.0, i / (double)(count - 1))))];

    private static async Task RunScenarioAsync(int[] viewers, TextWriter output)
    {
        var time = new FakeTimeProvider(Epoch);
        var options = new RevSimulatorOptions
        {
            RealtimeRequestsPerMinute = 2,
            Events = [.. viewers.Select((v, i) => new SimulatedEvent
            {
                Id = $"00000000-0000-4000-8000-{i:D12}",
                Viewers = v,
                Seed = i + 1,
                StartsAt = Epoch - TimeSpan.FromMinutes(60),
                Duration = TimeSpan.FromHours(5),
            })],
        };
        await using var simulator = new RevSimulator(options, time);
        await simulator.StartAsync();
        var settings = simulator.ClientSettings();

        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton<TimeProvider>(time);
        services.AddExporterCore(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        await using var provider = services.BuildServiceProvider();
        var poller = provider.GetRequiredService<AttendeePollingService>();
        var metrics = provider.GetRequiredService<ExporterMetrics>();

        var end = Epoch + TimeSpan.FromHours(2);
        var breakdownAge = new double[viewers.Length];
        var figuresAge = new double[viewers.Length];
        var samples = new int[viewers.Length];
        var figureSamples = new int[viewers.Length];
        var nextSample = Epoch + TimeSpan.FromMinutes(1);
        while (time.GetUtcNow() < end)
        {
            var delay = await poller.PollOnceAsync(CancellationToken.None);
            var step = delay <= TimeSpan.Zero ? TimeSpan.FromMilliseconds(1) : delay;
            var now = time.GetUtcNow();
            while (nextSample <= now + step && nextSample < end)
            {
                for (var i = 0; i < viewers.Length; i++)
                {
                    var id = options.Events[i].Id;
                    var swept = metrics.SweepTimestamp.WithLabels(id).Value;
                    var figures = metrics.FiguresTimestamp.WithLabels(id).Value;
                    if (swept > 0)
                    {
                        breakdownAge[i] += nextSample.ToUnixTimeMilliseconds() / 1000.0 - swept;
                        samples[i]++;
                    }

                    if (figures > 0)
                    {
                        figuresAge[i] += nextSample.ToUnixTimeMilliseconds() / 1000.0 - figures;
                        figureSamples[i]++;
                    }
                }

                nextSample += TimeSpan.FromMinutes(1);
            }

            time.Advance(now + step > end ? end - now : step);
        }

        var slots = (int)(TimeSpan.FromHours(2) / TimeSpan.FromSeconds(30));
        var requests = simulator.Stats.Requests(FaultTarget.RealtimeAttendees);
        var perEvent = (double)slots / viewers.Length;
        for (var i = 0; i < viewers.Length; i++)
        {
            var id = options.Events[i].Id;
            var total = simulator.Audience(id).FiguresAt(end).Total;
            var pages = (int)Math.Ceiling(total / 500.0);
            var sweeps = metrics.Sweeps.WithLabels(id, "completed").Value;
            var idealSweeps = Math.Floor(perEvent / pages);
            // Refreshed every pages × events × 30 s, a breakdown is on average half that old.
            var idealAge = pages * viewers.Length * 30 / 2.0;
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"| {(i == 0 ? viewers.Length.ToString(CultureInfo.InvariantCulture) : "")} | {(i == 0 ? viewers.Sum().ToString("N0", CultureInfo.InvariantCulture) : "")} | {(i == 0 ? $"{requests} / {slots} ({100.0 * requests / slots:0.0}%)" : "")} | {(i == 0 ? simulator.Stats.RateLimited.ToString(CultureInfo.InvariantCulture) : "")} | {(i == 0 ? simulator.Stats.Requests(FaultTarget.Authenticate).ToString(CultureInfo.InvariantCulture) : "")} | {i + 1} ({viewers[i]:N0}) | {pages} | {sweeps:0} ({idealSweeps:0}) | {(samples[i] > 0 ? (breakdownAge[i] / samples[i]).ToString("0", CultureInfo.InvariantCulture) : "never")} ({(idealSweeps > 0 ? idealAge.ToString("0", CultureInfo.InvariantCulture) : "never")}) | {(figureSamples[i] > 0 ? (figuresAge[i] / figureSamples[i]).ToString("0", CultureInfo.InvariantCulture) : "-")} |"));
        }
    }
}
