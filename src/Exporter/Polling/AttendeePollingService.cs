using Microsoft.Extensions.Options;
using Vbrick.Exporter.Metrics;
using Vbrick.Exporter.Rev;

namespace Vbrick.Exporter.Polling;

/// <summary>
/// The polling loop. Each step checks the statuses that are due, then spends at most one
/// real-time slot on the next due event in round-robin order, and says how long to wait before
/// anything can happen again. Scrapes never trigger a request: this loop is the only caller of Rev.
/// </summary>
internal sealed partial class AttendeePollingService(
    IOptions<EventsOptions> events,
    RevRequestBudgets budgets,
    EventStatusChecker statusChecker,
    RealtimeSweeper sweeper,
    ReadinessState readiness,
    ExporterMetrics metrics,
    TimeProvider time,
    ILogger<AttendeePollingService> logger) : BackgroundService
{
    private static readonly TimeSpan MaxIdle = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan FailurePause = TimeSpan.FromSeconds(5);

    private List<WatchedEvent>? _events;
    private int _lastServed = -1;

    internal IReadOnlyList<WatchedEvent> Events => _events ??= CreateEvents();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        Log.Started(logger, Events.Count);
        while (!stoppingToken.IsCancellationRequested)
        {
            TimeSpan delay;
            try
            {
                delay = await PollOnceAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                // One bad iteration must never end polling: count it, say it, carry on.
                metrics.PollCycleFailures.Inc();
                Log.CycleFailed(logger, ex);
                delay = FailurePause;
            }

            try
            {
                await Task.Delay(delay, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        Log.Stopped(logger);
    }

    /// <summary>One step of the loop; returns how long to wait before the next step can do anything.</summary>
    internal async Task<TimeSpan> PollOnceAsync(CancellationToken cancellationToken)
    {
        var watched = Events;
        if (watched.Count == 0)
        {
            readiness.MarkReady();
            return MaxIdle;
        }

        foreach (var item in watched)
        {
            if (time.GetUtcNow() >= item.NextStatusAt && budgets.TryAcquire(RequestFamily.Get, time.GetUtcNow()))
            {
                await statusChecker.CheckAsync(item, cancellationToken);
            }
        }

        var now = time.GetUtcNow();
        var next = NextDue(now);
        if (next is not null && budgets.TryAcquire(RequestFamily.RealtimeAttendees, now))
        {
            _lastServed = IndexOf(next);
            metrics.BudgetWait.WithLabels(RequestFamily.RealtimeAttendees.Label()).Observe(Math.Max(0, (now - next.NextRealtimeAt).TotalSeconds));
            await sweeper.PollAsync(next, cancellationToken);
        }

        return UntilNextWork(time.GetUtcNow());
    }

    private WatchedEvent? NextDue(DateTimeOffset now)
    {
        var watched = Events;
        for (var step = 1; step <= watched.Count; step++)
        {
            var candidate = watched[(_lastServed + step + watched.Count) % watched.Count];
            if (candidate.WantsRealtime && now >= candidate.NextRealtimeAt)
            {
                return candidate;
            }
        }

        return null;
    }

    private TimeSpan UntilNextWork(DateTimeOffset now)
    {
        var wake = now + MaxIdle;
        var realtimeBudget = budgets[RequestFamily.RealtimeAttendees].NextAllowedAt;
        foreach (var item in Events)
        {
            wake = Min(wake, item.NextStatusAt);
            if (item.WantsRealtime)
            {
                wake = Min(wake, item.NextRealtimeAt > realtimeBudget ? item.NextRealtimeAt : realtimeBudget);
            }
        }

        wake = Min(Max(wake, budgets[RequestFamily.Get].NextAllowedAt), now + MaxIdle);
        return wake > now ? wake - now : TimeSpan.Zero;
    }

    private int IndexOf(WatchedEvent item)
    {
        var watched = Events;
        for (var i = 0; i < watched.Count; i++)
        {
            if (ReferenceEquals(watched[i], item))
            {
                return i;
            }
        }

        return -1;
    }

    private List<WatchedEvent> CreateEvents()
    {
        var settings = events.Value;
        var now = time.GetUtcNow();
        return settings.Ids
            .Select(id => Guid.Parse(id).ToString("D"))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Select(id => new WatchedEvent(id, settings.LabelValueCap, now))
            .ToList();
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static partial class Log
    {
        [LoggerMessage(EventId = 400, Level = LogLevel.Information, Message = "Polling started for {Count} configured events")]
        public static partial void Started(ILogger logger, int count);

        [LoggerMessage(EventId = 401, Level = LogLevel.Error, Message = "A polling iteration failed; polling continues")]
        public static partial void CycleFailed(ILogger logger, Exception exception);

        [LoggerMessage(EventId = 402, Level = LogLevel.Information, Message = "Polling stopped")]
        public static partial void Stopped(ILogger logger);
    }
}
