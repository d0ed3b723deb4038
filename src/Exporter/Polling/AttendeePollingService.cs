using Vbrick.Exporter.Budget;
using Vbrick.Exporter.Metrics;
using Vbrick.Exporter.Sharding;

namespace Vbrick.Exporter.Polling;

/// <summary>
/// The polling loop, the only caller of Rev. Each step runs discovery and the status checks that
/// are due, spends at most one report request on a finished event's summary and at most one
/// real-time slot on what <see cref="RealtimeScheduler"/> chooses, expires what is past its retention,
/// and says how long to wait before anything can happen again. Scrapes never trigger a request.
/// </summary>
internal sealed partial class AttendeePollingService(
    WatchedEventRegistry registry,
    RevRequestBudgets budgets,
    EventDiscovery discovery,
    EventStatusChecker statusChecker,
    RealtimeSweeper sweeper,
    RealtimeScheduler scheduler,
    EventLifecycle lifecycle,
    ReadinessState readiness,
    ShardAssignment shard,
    ExporterMetrics metrics,
    WebcastPublisher publisher,
    TimeProvider time,
    ILogger<AttendeePollingService> logger) : BackgroundService
{
    private static readonly TimeSpan MaxIdle = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan FailurePause = TimeSpan.FromSeconds(5);

    private int _lastPostEvent = -1;

    internal IReadOnlyList<WatchedEvent> Events => registry.Items;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        Log.Started(logger, Events.Count, discovery.Enabled, shard.Index, shard.Replicas);
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
                metrics.CountLoopFailure();
                Log.CycleFailed(logger, ex);
                delay = FailurePause;
            }

            try
            {
                await ClockWait.DelayAsync(delay, time, stoppingToken);
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
        var watched = registry.Items;
        if (discovery.Enabled && time.GetUtcNow() >= discovery.NextRunAt && budgets.TryAcquire(RequestFamily.Get, time.GetUtcNow()))
        {
            registry.AddDiscovered(await discovery.FindAsync(cancellationToken));
        }

        if (watched.Count == 0)
        {
            readiness.MarkReady();
        }

        foreach (var item in watched.ToList())
        {
            if (item.NeedsStatus && time.GetUtcNow() >= item.NextStatusAt && budgets.TryAcquire(RequestFamily.Get, time.GetUtcNow()))
            {
                await IsolatedAsync(item, "status", () => statusChecker.CheckAsync(item, cancellationToken), () => { }, cancellationToken);
            }
        }

        var now = time.GetUtcNow();
        var summary = registry.NextDue(_lastPostEvent, e => e.PostEventPending && now >= e.NextPostEventAt);
        if (summary >= 0 && budgets.TryAcquire(RequestFamily.Reports, now))
        {
            _lastPostEvent = summary;
            var due = watched[summary];
            await IsolatedAsync(due, "post_event", () => lifecycle.StepPostEventAsync(due, cancellationToken), () => lifecycle.BackOffPostEvent(due, "internal"), cancellationToken);
        }

        now = time.GetUtcNow();
        var realtime = budgets[RequestFamily.RealtimeAttendees];
        sweeper.DropLapsedScrolls(watched, now);
        if (now >= realtime.NextAllowedAt
            && scheduler.Next(watched, now, realtime.Slot) is { } action
            && budgets.TryAcquire(RequestFamily.RealtimeAttendees, now))
        {
            budgets.RecordWait(RequestFamily.RealtimeAttendees, now - action.DueAt);
            await IsolatedAsync(action.Event, "realtime", () => sweeper.RunAsync(action, watched, cancellationToken), () => sweeper.EndSweep(action.Event, SweepOutcome.Failed), cancellationToken);
        }

        registry.Forget(lifecycle.ExpireDue(watched));
        registry.Report();
        var done = time.GetUtcNow();
        readiness.Heartbeat(done);
        metrics.Heartbeat(done);
        return UntilNextWork(done);
    }

    /// <summary>
    /// One event's step, fenced off: whatever it throws (a parser's overflow, a bug) is counted on
    /// the event (<c>reason="internal"</c>), logged once until the step succeeds again, and backed
    /// off by <paramref name="backOff"/>, so it never holds up another event's work.
    /// </summary>
    private async Task IsolatedAsync(WatchedEvent watched, string step, Func<Task> work, Action backOff, CancellationToken cancellationToken)
    {
        try
        {
            await work();
            watched.FailingSteps.Remove(step);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            metrics.CountLoopFailure();
            publisher.PublishRequestFailure(watched.Id, "internal");
            backOff();
            if (watched.FailingSteps.Add(step))
            {
                // The type only: an exception's message may quote Rev's data.
                Log.StepFailed(logger, watched.Id, step, ex.GetType().Name);
            }
        }
    }

    private TimeSpan UntilNextWork(DateTimeOffset now)
    {
        var wake = now + MaxIdle;
        if (discovery.Enabled)
        {
            wake = Min(wake, discovery.NextRunAt);
        }

        var realtime = budgets[RequestFamily.RealtimeAttendees];
        wake = Min(wake, scheduler.WakeAt(Events, now, realtime.Slot, realtime.NextAllowedAt));
        foreach (var item in Events)
        {
            if (item.NeedsStatus)
            {
                wake = Min(wake, Max(item.NextStatusAt, budgets[RequestFamily.Get].NextAllowedAt));
            }

            if (item.PostEventPending)
            {
                wake = Min(wake, Max(item.NextPostEventAt, budgets[RequestFamily.Reports].NextAllowedAt));
            }

            if (!item.Expired && item.ExpiresAt is { } expires)
            {
                wake = Min(wake, expires);
            }
        }

        return wake > now ? wake - now : TimeSpan.Zero;
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static partial class Log
    {
        [LoggerMessage(EventId = 400, Level = LogLevel.Information, Message = "Polling started for {Count} configured events (discovery {Discovery}; shard {Shard} of {Replicas} replicas)")]
        public static partial void Started(ILogger logger, int count, bool discovery, int shard, int replicas);

        [LoggerMessage(EventId = 405, Level = LogLevel.Warning, Message = "The {Step} step of event {EventId} failed unexpectedly ({ExceptionType}); that event backs off, the others carry on. Logged once until it succeeds")]
        public static partial void StepFailed(ILogger logger, string eventId, string step, string exceptionType);

        [LoggerMessage(EventId = 401, Level = LogLevel.Error, Message = "A polling iteration failed; polling continues")]
        public static partial void CycleFailed(ILogger logger, Exception exception);

        [LoggerMessage(EventId = 402, Level = LogLevel.Information, Message = "Polling stopped")]
        public static partial void Stopped(ILogger logger);
    }
}
