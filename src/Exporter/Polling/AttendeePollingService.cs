using Microsoft.Extensions.Options;
using Vbrick.Exporter.Budget;
using Vbrick.Exporter.Metrics;
using Vbrick.Exporter.Rev;
using Vbrick.Exporter.Sharding;

namespace Vbrick.Exporter.Polling;

/// <summary>
/// The polling loop, the only caller of Rev. Each step runs discovery and the status checks that
/// are due, spends at most one report request on a finished event's summary and at most one
/// real-time slot on what <see cref="RealtimeScheduler"/> chooses, expires what is past its retention,
/// and says how long to wait before anything can happen again. Scrapes never trigger a request.
/// </summary>
internal sealed partial class AttendeePollingService(
    IOptions<EventsOptions> events,
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

    private List<WatchedEvent>? _events;
    private int _lastPostEvent = -1;

    internal IReadOnlyList<WatchedEvent> Events => _events ??= CreateEvents();

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
        var watched = _events ??= CreateEvents();
        if (discovery.Enabled && time.GetUtcNow() >= discovery.NextRunAt && budgets.TryAcquire(RequestFamily.Get, time.GetUtcNow()))
        {
            AddDiscovered(await discovery.FindAsync(cancellationToken));
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
        var summary = NextDue(_lastPostEvent, e => e.PostEventPending && now >= e.NextPostEventAt);
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

        foreach (var gone in lifecycle.ExpireDue(watched))
        {
            if (gone.Source != EventOrigin.Configured)
            {
                watched.Remove(gone);
            }
        }

        ReportWatched();
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

    /// <summary>Round-robin: the index of the first event after the last one served that is due, else -1.</summary>
    private int NextDue(int last, Func<WatchedEvent, bool> due)
    {
        var watched = Events;
        for (var step = 1; step <= watched.Count; step++)
        {
            var index = (last + step + watched.Count) % watched.Count;
            if (due(watched[index]))
            {
                return index;
            }
        }

        return -1;
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

    private void AddDiscovered(IReadOnlyList<ScheduledEvent> found)
    {
        var watched = _events!;
        var discovered = watched.Count(e => e.Source == EventOrigin.Discovered && !e.Expired);
        foreach (var candidate in found)
        {
            if (watched.Any(e => string.Equals(e.Id, candidate.Id, StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            if (!shard.Owns(candidate.Id))
            {
                // Another replica's: every replica discovers the same list and keeps its own part.
                continue;
            }

            if (discovered >= events.Value.MaxDiscovered)
            {
                // Counted each discovery round it is left out; it is taken once a slot frees.
                metrics.CountDiscoveredDropped(1);
                continue;
            }

            var added = NewEvent(candidate.Id, EventOrigin.Discovered, time.GetUtcNow());
            added.Title = candidate.Title;
            watched.Add(added);
            discovered++;
            Log.Discovered(logger, candidate.Id);
        }
    }

    private List<WatchedEvent> CreateEvents()
    {
        var settings = events.Value;
        var now = time.GetUtcNow();
        var list = settings.Ids
            .Select(id => Guid.Parse(id).ToString("D"))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Where(shard.Owns)
            .Select(id => NewEvent(id, EventOrigin.Configured, now))
            .ToList();
        foreach (var id in settings.PostEventIds.Select(id => Guid.Parse(id).ToString("D")).Distinct(StringComparer.OrdinalIgnoreCase).Where(shard.Owns))
        {
            if (list.Any(e => string.Equals(e.Id, id, StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            // Already over: straight to the post-event path, summaries fetched at start-up.
            var item = NewEvent(id, EventOrigin.PostEvent, now);
            item.Phase = Rev.EventPhase.Ended;
            lifecycle.MarkEnded(item, deleted: false);
            list.Add(item);
        }

        return list;
    }

    /// <summary>A watched event with the per-event caps from <c>Events:*</c>.</summary>
    private WatchedEvent NewEvent(string id, EventOrigin origin, DateTimeOffset now)
    {
        var settings = events.Value;
        return new WatchedEvent(id, origin, settings.LabelValueCap, now, settings.MaxSessionsPerEvent, settings.MaxCombinations);
    }

    private void ReportWatched()
    {
        foreach (var source in Enum.GetValues<EventOrigin>())
        {
            metrics.SetWatchedEvents(source, Events.Count(e => e.Source == source && !e.Expired));
        }
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

        [LoggerMessage(EventId = 403, Level = LogLevel.Information, Message = "Discovered event {EventId}; watching it")]
        public static partial void Discovered(ILogger logger, string eventId);
    }
}
