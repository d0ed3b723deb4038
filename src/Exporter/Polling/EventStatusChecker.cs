using Vbrick.Exporter.Metrics;
using Vbrick.Exporter.Rev;

namespace Vbrick.Exporter.Polling;

/// <summary>Keeps an event's title and state current from Rev's status endpoint (GET family, own cadence).</summary>
internal sealed partial class EventStatusChecker(
    RevClient client,
    EventLifecycle lifecycle,
    WebcastPublisher publisher,
    TimeProvider time,
    Microsoft.Extensions.Options.IOptions<PollingOptions> options,
    ILogger<EventStatusChecker> logger)
{
    /// <summary>Status checks that fail wait this long (doubling) before the next: never less than the cadence.</summary>
    public static readonly Configuration.Backoff StatusBackoff = new(TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(15));

    public async Task CheckAsync(WatchedEvent watched, CancellationToken cancellationToken)
    {
        watched.NextStatusAt = time.GetUtcNow() + options.Value.StatusInterval;
        EventStatus status;
        try
        {
            status = await client.GetEventStatusAsync(watched.Id, cancellationToken);
        }
        catch (RevApiException ex) when (ex.Kind == RevErrorKind.NotFound)
        {
            // Deleted while watched (or never existed), or a passing 404 (a proxy, a deployment):
            // only one that persists ends the event, and then nothing of it can be read any more.
            publisher.PublishRequestOutcome(watched.Id, success: false, time.GetUtcNow(), ex.Failure);
            if (!EndPersists(watched, notFound: true, options.Value.NotFoundGrace))
            {
                Log.EndPending(logger, watched.Id, "404", options.Value.NotFoundGrace.TotalSeconds);
                lifecycle.PublishStage(watched);
                return;
            }

            status = new EventStatus(LabelTitleOrUnknown(watched), "Deleted", EventPhase.Ended);
        }
        catch (RevApiException ex)
        {
            // Counted, but vbrick_webcast_up follows the real-time (and post-event) requests only:
            // a status check that fails beside a working real-time request must not flap it. A
            // failing or hanging status backs off on its own, so it holds the loop rarely.
            watched.StatusFailures++;
            watched.NextStatusAt = time.GetUtcNow() + StatusBackoff.After(watched.StatusFailures);
            Log.StatusFailed(logger, watched.Id, ex.Reason, ex.Message);
            publisher.PublishRequestFailure(watched.Id, ex.Failure);
            return;
        }

        watched.StatusFailures = 0;
        if (watched.EndSeen is { NotFound: true })
        {
            watched.EndSeen = null;
        }

        var now = time.GetUtcNow();
        watched.Title = status.Title;
        watched.EndDate = status.EndDate ?? watched.EndDate;
        // Rev's raw status is free text as far as we know: it reaches a label and log lines only
        // cleaned (control characters out, at most 100 characters), like every other label value.
        var rawStatus = Aggregation.LabelSanitizer.Clean(status.RawStatus);
        publisher.PublishEventInfo(watched.Id, Aggregation.LabelSanitizer.Clean(status.Title), rawStatus);
        var deleted = string.Equals(status.RawStatus, "Deleted", StringComparison.OrdinalIgnoreCase);
        var phase = PhaseOfEvent(watched, status, deleted);
        if (phase != watched.Phase)
        {
            Log.PhaseChanged(logger, watched.Id, watched.Phase, phase, rawStatus);
            watched.Phase = phase;
        }

        FollowRun(watched, status);
        publisher.PublishRealtimeRun(watched.Id, watched.RunNumber);
        if (phase == EventPhase.Ended)
        {
            lifecycle.MarkEnded(watched, deleted);
        }
        else if (phase != EventPhase.Live && watched.EndDate is { } end && now >= end)
        {
            // Rev's reference does not promise that an event ended early ever reads Completed:
            // past its scheduled end and not broadcasting for a while, it has ended. A short
            // hiccup (WaitingForStream, a pause) of a town hall that overruns is not an end.
            if (watched.EndedAt is null && EndPersists(watched, notFound: false, options.Value.EndGrace))
            {
                Log.EndedByEndDate(logger, watched.Id, rawStatus, options.Value.EndGrace.TotalSeconds);
                lifecycle.MarkEnded(watched, deleted: false);
            }
        }
        else
        {
            watched.EndSeen = null;
            if (phase == EventPhase.Live && watched.EndedAt is not null && watched.PostEventPending)
            {
                // Ended, not yet summarised, and broadcasting again: back to live.
                Log.LiveAgain(logger, watched.Id, rawStatus);
                lifecycle.Reopen(watched);
            }
        }

        lifecycle.PublishStage(watched);
    }

    /// <summary>
    /// The main event's phase. A pre-production run that ended (Completed with <c>isPreProduction</c>)
    /// says nothing of the main event, which is still to come: scheduled, never ended.
    /// </summary>
    private static EventPhase PhaseOfEvent(WatchedEvent watched, EventStatus status, bool deleted) =>
        status.IsPreProduction && status.Phase == EventPhase.Ended && !deleted ? EventPhase.Scheduled : status.Phase;

    /// <summary>Which run real-time requests ask for; a change of run abandons the open scroll (scrolls belong to a run).</summary>
    private void FollowRun(WatchedEvent watched, EventStatus status)
    {
        var run = 0;
        if (status.IsPreProduction && status.Phase is EventPhase.Live or EventPhase.Starting)
        {
            if (watched.RunNumber == 0)
            {
                watched.PreProductionRuns++;
            }

            run = watched.PreProductionRuns;
        }

        if (run != watched.RunNumber)
        {
            Log.RunChanged(logger, watched.Id, watched.RunNumber, run);
            watched.ResetRun();
            publisher.RemoveLiveAudience(watched.Id);
            watched.RunNumber = run;
        }
    }

    private static string LabelTitleOrUnknown(WatchedEvent watched) => watched.Title ?? "unknown";

    /// <summary>Notes one more check that shows an end of this kind; whether it has now lasted the grace over two checks or more.</summary>
    private bool EndPersists(WatchedEvent watched, bool notFound, TimeSpan grace)
    {
        var now = time.GetUtcNow();
        var seen = watched.EndSeen is { } pending && pending.NotFound == notFound
            ? pending with { Checks = pending.Checks + 1 }
            : new PendingEnd(notFound, now, 1);
        watched.EndSeen = seen;
        return seen.Settled(now, grace);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 300, Level = LogLevel.Information, Message = "Event {EventId} moved from {From} to {To} (Rev status {RawStatus})")]
        public static partial void PhaseChanged(ILogger logger, string eventId, EventPhase from, EventPhase to, string rawStatus);

        [LoggerMessage(EventId = 301, Level = LogLevel.Warning, Message = "Status check of event {EventId} failed ({Reason}): {Detail}")]
        public static partial void StatusFailed(ILogger logger, string eventId, string reason, string detail);

        [LoggerMessage(EventId = 302, Level = LogLevel.Information, Message = "Event {EventId} is past its scheduled end and has not broadcast for {GraceSeconds} s (Rev status {RawStatus}): treated as ended")]
        public static partial void EndedByEndDate(ILogger logger, string eventId, string rawStatus, double graceSeconds);

        [LoggerMessage(EventId = 304, Level = LogLevel.Information, Message = "Event {EventId}: its status answered {What}; taken as the end only if that lasts {GraceSeconds} s over two checks")]
        public static partial void EndPending(ILogger logger, string eventId, string what, double graceSeconds);

        [LoggerMessage(EventId = 305, Level = LogLevel.Information, Message = "Event {EventId} broadcasts again (Rev status {RawStatus}) before its summary: live polling resumes")]
        public static partial void LiveAgain(ILogger logger, string eventId, string rawStatus);

        [LoggerMessage(EventId = 303, Level = LogLevel.Information, Message = "Event {EventId}: real-time requests move from run {From} to run {To} (0 is the main event)")]
        public static partial void RunChanged(ILogger logger, string eventId, int from, int to);
    }
}
