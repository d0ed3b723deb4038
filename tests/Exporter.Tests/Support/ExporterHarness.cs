using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;
using Vbrick.Exporter.Budget;
using Vbrick.Exporter.Hosting;
using Vbrick.Exporter.Metrics;
using Vbrick.Exporter.Polling;
using Vbrick.Rev.Simulator;

namespace Vbrick.Exporter.Tests.Support;

/// <summary>
/// The exporter's real services against a simulator on loopback HTTP, on fake time. Tests step
/// the poller themselves and the clock moves only when the exporter waits on it, so a simulated
/// hour takes well under a second of real time and a slow machine never changes what happens.
/// </summary>
public sealed class ExporterHarness : IAsyncDisposable
{
    public static readonly DateTimeOffset Epoch = new(2026, 11, 28, 10, 0, 0, TimeSpan.Zero);

    /// <summary>Long enough for any loopback call on a loaded machine; only a run that has stopped moving reaches it.</summary>
    private static readonly TimeSpan StallLimit = TimeSpan.FromSeconds(60);

    private readonly ServiceProvider _provider;
    private readonly InFlightRequests _requests;
    private readonly ChangeSignal _changes = new();
    private readonly CancellationTokenSource _stopping = new();

    /// <summary>Requests open when a deadline fired; only <see cref="DriveAsync(Task)"/> touches it.</summary>
    private readonly HashSet<string> _doomed = new(StringComparer.Ordinal);

    private ExporterHarness(RevSimulator simulator, ClockWaits held, DrivenClock time, ServiceProvider provider, CapturingLoggerProvider logs, InFlightRequests requests)
    {
        Simulator = simulator;
        Held = held;
        Time = time;
        _provider = provider;
        Logs = logs;
        _requests = requests;
        time.Changed += _changes.Raise;
        requests.Changed += _changes.Raise;
        held.Changed += _changes.Raise;
    }

    public RevSimulator Simulator { get; }

    /// <summary>The requests the simulator holds on its clock now.</summary>
    public ClockWaits Held { get; }

    public DrivenClock Time { get; }

    public CapturingLoggerProvider Logs { get; }

    public IServiceProvider Services => _provider;

    internal AttendeePollingService Poller => _provider.GetRequiredService<AttendeePollingService>();

    public static async Task<ExporterHarness> StartAsync(RevSimulatorOptions simulatorOptions, IDictionary<string, string?>? settings = null, DrivenClock? time = null)
    {
        time ??= new DrivenClock(Epoch);
        var held = new ClockWaits();
        var simulator = new RevSimulator(simulatorOptions, time, held);
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

        // Added after the exporter's own handlers, so innermost: it sees every attempt of every client.
        var requests = new InFlightRequests();
        services.ConfigureAll<HttpClientFactoryOptions>(o => o.HttpMessageHandlerBuilderActions.Add(b => b.AdditionalHandlers.Add(requests.CreateHandler())));
        return new ExporterHarness(simulator, held, time, services.BuildServiceProvider(), logs, requests);
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

            var step = ClockWait.RoundUp(delay);
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

    /// <summary>One poller step, driven on fake time (<see cref="DriveAsync{T}"/>); returns the poller's next delay.</summary>
    public Task<TimeSpan> PollOnceAsync() => DriveAsync(Poller.PollOnceAsync(_stopping.Token));

    /// <summary>
    /// Runs <paramref name="work"/> to completion, moving the fake clock only when nothing but time
    /// can make progress: every open request of the exporter is one the simulator holds on the clock,
    /// and at least one wait (a back-off, a slot, the simulator's hold) is pending. Then the clock
    /// moves to the earliest pending timer, never further, so a deadline fires exactly when it is due
    /// however slow the machine is. Real time plays no part except to fail a run that stops moving.
    /// </summary>
    public async Task<T> DriveAsync<T>(Task<T> work)
    {
        await DriveAsync((Task)work);
        return await work;
    }

    /// <inheritdoc cref="DriveAsync{T}"/>
    public async Task DriveAsync(Task work)
    {
        var idleAdvances = 0;
        while (!work.IsCompleted)
        {
            // Taken before looking, so a change between the look and the wait is not missed.
            var changed = _changes.Next;
            if (IsIdle())
            {
                var now = Time.GetUtcNow();
                var next = Time.NextDue ?? now;
                if (++idleAdvances > 10_000)
                {
                    throw new InvalidOperationException($"The clock moved 10,000 times without the work finishing: {Describe()}");
                }

                // A deadline that fires cuts short the request it guards, but the request only
                // closes once its continuation runs: until then it must not count as held.
                var open = _requests.Current;
                var fired = Time.DeadlinesFired;
                Time.Advance(next > now ? next - now : TimeSpan.Zero);
                if (Time.DeadlinesFired != fired)
                {
                    _doomed.UnionWith(open);
                }

                continue;
            }

            try
            {
                await Task.WhenAny(work, changed).WaitAsync(StallLimit);
            }
            catch (TimeoutException)
            {
                throw new TimeoutException($"Nothing moved for {StallLimit.TotalSeconds} s of real time: {Describe()}");
            }
        }

        await work;
    }

    private bool IsIdle()
    {
        if (!Time.HasPendingWait)
        {
            return false;
        }

        // A request a deadline cut short closes soon but may still look held: not idle until it has.
        var current = _requests.Current;
        if (current.Any(_doomed.Contains))
        {
            return false;
        }

        var open = current.Order(StringComparer.Ordinal);
        var held = Held.Current.Order(StringComparer.Ordinal);
        return open.SequenceEqual(held, StringComparer.Ordinal);
    }

    private string Describe() =>
        $"requests open [{string.Join(", ", _requests.Current)}], held by the simulator [{string.Join(", ", Held.Current)}], {Time.Describe()}";

    public Scrape Scrape()
    {
        var metrics = _provider.GetRequiredService<ExporterMetrics>();
        using var stream = new MemoryStream();
        metrics.Registry.CollectAndExportAsTextAsync(stream).GetAwaiter().GetResult();
        return new Scrape(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }

    internal T Get<T>()
        where T : notnull => _provider.GetRequiredService<T>();

    /// <summary>
    /// Ends a step a failed test left running, stops the simulator (it lets its held requests go),
    /// then disposes the services with the clock still driven: the resilience pipeline's disposal
    /// waits for its executions on the fake clock.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await Simulator.DisposeAsync();
        await DriveAsync(_provider.DisposeAsync().AsTask());
        _stopping.Dispose();
    }
}
