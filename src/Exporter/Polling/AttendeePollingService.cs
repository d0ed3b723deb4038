using Microsoft.Extensions.Options;
using Vbrick.Exporter.Aggregation.Census;
using Vbrick.Exporter.Budget;
using Vbrick.Exporter.Metrics;
using Vbrick.Exporter.Rev;
using Vbrick.Exporter.Sharding;

namespace Vbrick.Exporter.Polling;

/// <summary>
/// The polling loop, the only caller of Rev. Each step first spends at most one real-time slot on
/// what <see cref="RealtimePlanner"/> chooses, then runs discovery, the zone list and the status
/// checks that are due (each single-attempt, backing off on its own), spends at most one report
/// request on a finished event's summary, expires what is past its retention, and says how long to
/// wait before anything can happen again: the real-time slot never waits behind a slow status or
/// report. Scrapes never trigger a request.
/// </summary>
internal sealed partial class AttendeePollingService(
    WatchedEventRegistry registry,
    RevRequestBudgets budgets,
    EventDiscovery discovery,
    EventStatusChecker statusChecker,
    RealtimeSweeper sweeper,
    ZoneDirectory zones,
    SearchRuleBook rules,
    IOptions<PollingOptions> options,
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
    private TimeSpan _publishedBound;

    internal IReadOnlyList<WatchedEvent> Events => registry.Items;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        Log.Started(logger, Events.Count, discovery.Enabled, shard.Index, shard.Replicas);
        CancellationTokenSource? wake = null;
        void Wake()
        {
            try
            {
                Volatile.Read(ref wake)?.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // The step that applies the reload is already running.
            }
        }

        registry.ReloadPending += Wake;
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
                metrics.Service.CountLoopFailure();
                Log.CycleFailed(logger, ex);
                delay = FailurePause;
            }

            // A reload wakes the loop, so a newly configured event is checked at once.
            using var sleeping = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            Volatile.Write(ref wake, sleeping);
            if (registry.HasPendingReload)
            {
                // It came while the step ran: no sleep before applying it.
                await sleeping.CancelAsync();
            }

            try
            {
                await ClockWait.DelayAsync(delay, time, sleeping.Token);
            }
            catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
            {
            }
            catch (OperationCanceledException)
            {
                break;
            }
            finally
            {
                Volatile.Write(ref wake, null);
            }
        }

        registry.ReloadPending -= Wake;
        Log.Stopped(logger);
    }

    /// <summary>One step of the loop; returns how long to wait before the next step can do anything.</summary>
    internal async Task<TimeSpan> PollOnceAsync(CancellationToken cancellationToken)
    {
        registry.ApplyReload(lifecycle);
        var watched = registry.Items;

        // An event never checked may not be live at all: its first status comes before a real-time
        // request is spent on it.
        await CheckStatusesAsync(watched, e => e.Phase == EventPhase.Unknown && e.Title is null, cancellationToken);
        var now = time.GetUtcNow();
        sweeper.DropLapsedScrolls(watched, now);
        var (plan, inputs) = PlanNow(watched, now);
        if (plan.Next is { } next && budgets.TryAcquire(RequestFamily.RealtimeAttendees, now))
        {
            // A request due "since always" (an event never read) has waited since it was watched.
            budgets.RecordWait(RequestFamily.RealtimeAttendees, now - (next.DueAt > next.Event.WatchedSince ? next.DueAt : next.Event.WatchedSince));
            await IsolatedAsync(next.Event, "realtime", () => sweeper.RunAsync(next, inputs, cancellationToken), () => sweeper.EndSweep(next.Event, SweepOutcome.Failed), cancellationToken);
        }

        if (discovery.Enabled && time.GetUtcNow() >= discovery.NextRunAt && budgets.TryAcquire(RequestFamily.Get, time.GetUtcNow()))
        {
            registry.AddDiscovered(await discovery.FindAsync(cancellationToken));
        }

        if (watched.Count == 0)
        {
            readiness.MarkReady();
        }

        await CheckStatusesAsync(watched, _ => true, cancellationToken);

        now = time.GetUtcNow();
        var summary = registry.NextDue(_lastPostEvent, e => e.SummaryDue && now >= e.NextPostEventAt);
        if (summary >= 0 && budgets.TryAcquire(RequestFamily.Reports, now))
        {
            _lastPostEvent = summary;
            var due = watched[summary];
            await IsolatedAsync(due, "post_event", () => lifecycle.StepPostEventAsync(due, cancellationToken), () => lifecycle.BackOffPostEvent(due, failure: null), cancellationToken);
        }

        // After the status checks: they decide the lifecycle, the zone list only adds names.
        if (watched.Any(e => e.WantsRealtime) && time.GetUtcNow() >= zones.NextReadAt && budgets.TryAcquire(RequestFamily.Get, time.GetUtcNow()))
        {
            await zones.ReadAsync(cancellationToken);
            foreach (var item in watched)
            {
                item.Census.AddListed(zones.Names, time.GetUtcNow());
            }
        }

        registry.Forget(lifecycle.ExpireDue(watched));
        registry.Report();
        var done = time.GetUtcNow();
        readiness.Heartbeat(done);
        metrics.Service.Heartbeat(done);
        return UntilNextWork(done, PlanNow(registry.Items, done).Plan.WakeAt);
    }

    private async Task CheckStatusesAsync(IReadOnlyList<WatchedEvent> watched, Func<WatchedEvent, bool> which, CancellationToken cancellationToken)
    {
        foreach (var item in watched.ToList())
        {
            if (which(item) && item.NeedsStatus && time.GetUtcNow() >= item.NextStatusAt && budgets.TryAcquire(RequestFamily.Get, time.GetUtcNow()))
            {
                await IsolatedAsync(item, "status", () => statusChecker.CheckAsync(item, cancellationToken), () => { }, cancellationToken);
            }
        }
    }

    /// <summary>The planner's answer for now, with the inputs it was given (the sweeper needs them for a sweep's first page).</summary>
    private (RealtimePlan Plan, IReadOnlyList<PlanInput> Inputs) PlanNow(IReadOnlyList<WatchedEvent> watched, DateTimeOffset now)
    {
        var context = sweeper.Context(now);
        var live = watched.Where(e => e.WantsRealtime).ToList();
        var zoneTarget = CensusPlanning.ZoneTarget(live, context.Slot, RealtimePlanner.FiguresBound([.. live.Select(e => new PlanInput(e))], context), options.Value);
        var inputs = watched.Select(e => CensusPlanning.InputFor(e, rules, now, options.Value, zoneTarget)).ToList();
        var plan = RealtimePlanner.Plan(inputs, context);
        if (plan.FiguresBound != _publishedBound && inputs.Any(i => i.Event.WantsRealtime))
        {
            _publishedBound = plan.FiguresBound;
            publisher.PublishFiguresBound(plan.FiguresBound);
            if (plan.FiguresBound > options.Value.MaxFiguresAge)
            {
                Log.BoundRaised(logger, inputs.Count(i => i.Event.WantsRealtime), options.Value.MaxFiguresAge.TotalSeconds, plan.FiguresBound.TotalSeconds);
            }
        }

        return (plan, inputs);
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
            metrics.Service.CountLoopFailure();
            publisher.PublishRequestFailure(watched.Id, FailureReason.Internal);
            backOff();
            if (watched.FailingSteps.Add(step))
            {
                // The type only: an exception's message may quote Rev's data.
                Log.StepFailed(logger, watched.Id, step, ex.GetType().Name);
            }
        }
    }

    private TimeSpan UntilNextWork(DateTimeOffset now, DateTimeOffset realtimeWake)
    {
        var wake = Min(now + MaxIdle, realtimeWake);
        if (discovery.Enabled)
        {
            wake = Min(wake, discovery.NextRunAt);
        }

        if (Events.Any(e => e.WantsRealtime))
        {
            wake = Min(wake, Max(zones.NextReadAt, budgets[RequestFamily.Get].NextAllowedAt));
        }

        foreach (var item in Events)
        {
            if (item.NeedsStatus)
            {
                wake = Min(wake, Max(item.NextStatusAt, budgets[RequestFamily.Get].NextAllowedAt));
            }

            if (item.SummaryDue)
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

        [LoggerMessage(EventId = 403, Level = LogLevel.Warning, Message = "{Events} live events cannot all be read within Polling:MaxFiguresAge ({Configured} s) at Rev's real-time rate: the planner keeps event-wide figures within {Bound} s instead, rather than starving every breakdown")]
        public static partial void BoundRaised(ILogger logger, int events, double configured, double bound);

        [LoggerMessage(EventId = 402, Level = LogLevel.Information, Message = "Polling stopped")]
        public static partial void Stopped(ILogger logger);
    }
}
