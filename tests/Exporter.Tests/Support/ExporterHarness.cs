using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Vbrick.Exporter.Hosting;
using Vbrick.Exporter.Metrics;
using Vbrick.Exporter.Polling;
using Vbrick.Rev.Simulator;

namespace Vbrick.Exporter.Tests.Support;

/// <summary>
/// The exporter's real services against a simulator on loopback HTTP, on fake time. Tests step
/// the poller themselves, so a simulated hour takes well under a second of real time.
/// </summary>
public sealed class ExporterHarness : IAsyncDisposable
{
    public static readonly DateTimeOffset Epoch = new(2026, 11, 28, 10, 0, 0, TimeSpan.Zero);

    private readonly ServiceProvider _provider;

    private ExporterHarness(RevSimulator simulator, FakeTimeProvider time, ServiceProvider provider, CapturingLoggerProvider logs)
    {
        Simulator = simulator;
        Time = time;
        _provider = provider;
        Logs = logs;
    }

    public RevSimulator Simulator { get; }

    public FakeTimeProvider Time { get; }

    public CapturingLoggerProvider Logs { get; }

    public IServiceProvider Services => _provider;

    internal AttendeePollingService Poller => _provider.GetRequiredService<AttendeePollingService>();

    public static async Task<ExporterHarness> StartAsync(RevSimulatorOptions simulatorOptions, IDictionary<string, string?>? settings = null, FakeTimeProvider? time = null)
    {
        time ??= new FakeTimeProvider(Epoch);
        var simulator = new RevSimulator(simulatorOptions, time);
        await simulator.StartAsync();

        var values = simulator.ClientSettings();
        values["Rev:RateLimits:RealtimeAttendeesPerMinute"] = "2";

        // A null value removes the key: the test wants that setting absent, not empty.
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                values.Remove(key);
            }
            else
            {
                values[key] = value;
            }
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var logs = new CapturingLoggerProvider();
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        services.AddSingleton<TimeProvider>(time);
        services.AddExporterCore(configuration);
        return new ExporterHarness(simulator, time, services.BuildServiceProvider(), logs);
    }

    /// <summary>Steps the poller, advancing fake time by each returned delay, until <paramref name="duration"/> has passed.</summary>
    public async Task RunForAsync(TimeSpan duration)
    {
        var end = Time.GetUtcNow() + duration;
        for (var guard = 0; guard < 100_000; guard++)
        {
            var delay = await PollOnceAsync();
            var now = Time.GetUtcNow();
            if (now >= end)
            {
                return;
            }

            var step = delay <= TimeSpan.Zero ? TimeSpan.FromMilliseconds(1) : delay;
            Time.Advance(now + step > end ? end - now : step);
        }

        throw new InvalidOperationException("The poller never let time move on.");
    }

    /// <summary>Runs until the event's sweep count reaches <paramref name="sweeps"/>, or fails after <paramref name="limit"/>.</summary>
    public async Task RunUntilSweepsAsync(string eventId, int sweeps, TimeSpan limit)
    {
        var end = Time.GetUtcNow() + limit;
        while (Time.GetUtcNow() < end)
        {
            if (Scrape().Value("vbrick_webcast_sweeps_total", ("event_id", eventId), ("outcome", "completed")) >= sweeps)
            {
                return;
            }

            await RunForAsync(TimeSpan.FromSeconds(1));
        }

        throw new TimeoutException($"Event {eventId} did not complete {sweeps} sweeps within {limit}.");
    }

    /// <summary>
    /// One poller step. A step that waits on fake time itself (the resilience pipeline's back-off
    /// before a retry) would wait forever, so after a real pause the clock is moved along with it.
    /// The pause is long enough that a loaded machine's slow HTTP round trip is never mistaken for it.
    /// </summary>
    public async Task<TimeSpan> PollOnceAsync()
    {
        var step = Poller.PollOnceAsync(CancellationToken.None);
        await Task.WhenAny(step, Task.Delay(2_000));
        if (!step.IsCompleted)
        {
            await CompleteOnFakeTimeAsync(step, TimeSpan.FromMilliseconds(500), maxSteps: 1_000);
        }

        return await step;
    }

    /// <summary>
    /// Waits for work that is itself waiting on fake time (a back-off, a timeout), moving the clock
    /// by <paramref name="step"/> between short real pauses until it completes.
    /// </summary>
    public async Task CompleteOnFakeTimeAsync(Task work, TimeSpan step, int maxSteps = 200)
    {
        for (var i = 0; i < maxSteps && !work.IsCompleted; i++)
        {
            await Task.Delay(10);
            Time.Advance(step);
        }

        await work;
    }

    public Scrape Scrape()
    {
        var metrics = _provider.GetRequiredService<ExporterMetrics>();
        using var stream = new MemoryStream();
        metrics.Registry.CollectAndExportAsTextAsync(stream).GetAwaiter().GetResult();
        return new Scrape(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }

    internal T Get<T>()
        where T : notnull => _provider.GetRequiredService<T>();

    public async ValueTask DisposeAsync()
    {
        await _provider.DisposeAsync();
        await Simulator.DisposeAsync();
    }
}
