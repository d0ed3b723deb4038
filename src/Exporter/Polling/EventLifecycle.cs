using Microsoft.Extensions.Options;
using Vbrick.Exporter.Configuration;
using Vbrick.Exporter.Metrics;
using Vbrick.Exporter.PostEvent;
using Vbrick.Exporter.Rev;

namespace Vbrick.Exporter.Polling;

/// <summary>
/// Moves events past their live phase: ended (live polling stops) → after the settle delay the
/// summary is fetched, one request per step, retried with back-off → summarised, exposed for the
/// retention → expired, when every series of the event leaves <c>/metrics</c>.
/// </summary>
internal sealed partial class EventLifecycle(
    RevClient client,
    RealtimeSweeper sweeper,
    WebcastPublisher webcast,
    PostEventPublisher postEvent,
    ReadinessState readiness,
    IOptions<PostEventOptions> options,
    IOptions<EventsOptions> events,
    TimeProvider time,
    ILogger<EventLifecycle> logger)
{
    private static readonly Backoff Retry = new(TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(30));

    /// <summary>The first time the exporter sees the event ended (or deleted).</summary>
    public void MarkEnded(WatchedEvent watched, bool deleted)
    {
        if (watched.EndedAt is not null)
        {
            return;
        }

        var now = time.GetUtcNow();
        var settings = options.Value;
        watched.EndedAt = now;
        watched.WantsSummary = !deleted;
        watched.NextPostEventAt = watched.Source == EventOrigin.PostEvent ? now : now + settings.SettleDelay;
        watched.ExpiresAt = watched.NextPostEventAt + settings.Retention;
        sweeper.EndSweep(watched, SweepOutcome.Abandoned);
        webcast.RemoveLiveAudience(watched.Id);
        PublishStage(watched);
        Log.Ended(logger, watched.Id, settings.SettleDelay.TotalSeconds);
    }

    /// <summary>An ended event not yet summarised that broadcasts again: live polling resumes, the summary waits for the next end.</summary>
    public void Reopen(WatchedEvent watched)
    {
        watched.Reopen();
        PublishStage(watched);
    }

    /// <summary>Spends one request on the event's post-event fetch.</summary>
    public async Task StepPostEventAsync(WatchedEvent watched, CancellationToken cancellationToken)
    {
        var fetch = watched.Fetch ??= new PostEventFetch(watched.Id, options.Value, events.Value.LabelValueCap, events.Value.MaxSessionsPerEvent);
        bool done;
        try
        {
            done = await fetch.StepAsync(client, cancellationToken);
        }
        catch (RevApiException ex)
        {
            var backoff = BackOffPostEvent(watched, ex.Failure);
            Log.FetchFailed(logger, watched.Id, ex.Reason, ex.Message, backoff.TotalSeconds);
            return;
        }

        var now = time.GetUtcNow();
        readiness.MarkReady();
        if (fetch.Skipped is { } skipped)
        {
            Log.PartSkipped(logger, watched.Id, skipped.Message);
            webcast.PublishRequestOutcome(watched.Id, success: false, now, skipped.Failure);
        }
        else
        {
            webcast.PublishRequestOutcome(watched.Id, success: true, now);
        }

        if (!done)
        {
            return;
        }

        if (fetch.UsedDeprecatedReport)
        {
            Log.DeprecatedReport(logger, watched.Id);
        }

        if (fetch.CommentsMayBeTruncated)
        {
            Log.CommentsAtLimit(logger, watched.Id, PostEventFetch.DefaultCommentsSize);
        }

        postEvent.Publish(watched.Id, fetch.Summary, now);
        watched.Fetch = null;
        var sessions = fetch.Summary.Runs.Sum(r => r.Series.Sum(s => s.Sessions));
        if (watched.SummarisedAt is not null)
        {
            // A refresh: the counters above followed Rev's figures upwards only.
            watched.RefreshesLeft--;
            var change = ReportChangeLabels.Of(watched.SummarisedSessions, sessions);
            postEvent.PublishRefresh(watched.Id, change);
            Log.Refreshed(logger, watched.Id, watched.SummarisedSessions, sessions, change);
            return;
        }

        watched.SummarisedAt = now;
        watched.SummarisedSessions = sessions;
        watched.ExpiresAt = now + options.Value.Retention;
        var refresh = options.Value.RefreshAfter;
        // A report read long after its event (a backfill) is final: only a fresh one may still grow.
        if (refresh > TimeSpan.Zero && refresh < options.Value.Retention && watched.Source != EventOrigin.PostEvent)
        {
            watched.RefreshesLeft = 1;
            watched.NextPostEventAt = now + refresh;
            watched.PostEventFailures = 0;
        }

        PublishStage(watched);
        Log.Summarised(logger, watched.Id, sessions, options.Value.Retention.TotalHours);
    }

    /// <summary>Drops the fetch in progress and retries after 1, 2, 4, ... up to 30 minutes.</summary>
    /// <param name="watched">The event.</param>
    /// <param name="failure">What to count; null when the failure was counted where it happened (the step's fence).</param>
    public TimeSpan BackOffPostEvent(WatchedEvent watched, FailureReason? failure)
    {
        watched.Fetch = null;
        watched.PostEventFailures++;
        var backoff = Retry.After(watched.PostEventFailures);
        watched.NextPostEventAt = time.GetUtcNow() + backoff;
        webcast.PublishRequestOutcome(watched.Id, success: false, time.GetUtcNow(), failure);
        return backoff;
    }

    /// <summary>Removes every series of events past their retention; returns those to stop tracking.</summary>
    public List<WatchedEvent> ExpireDue(IEnumerable<WatchedEvent> watched)
    {
        var now = time.GetUtcNow();
        var expired = new List<WatchedEvent>();
        foreach (var item in watched)
        {
            if (item.Expired || item.ExpiresAt is not { } expiresAt || now < expiresAt)
            {
                continue;
            }

            Unwatch(item);
            expired.Add(item);
            Log.Expired(logger, item.Id);
        }

        return expired;
    }

    /// <summary>Stops watching the event: its requests end and every series of it leaves /metrics.</summary>
    public void Unwatch(WatchedEvent item)
    {
        item.Expired = true;
        item.Fetch = null;
        webcast.RemoveEvent(item.Id);
        postEvent.Forget(item.Id);
    }

    public void PublishStage(WatchedEvent watched) => webcast.PublishStage(watched.Id, watched.Stage);

    private static partial class Log
    {
        [LoggerMessage(EventId = 500, Level = LogLevel.Information, Message = "Event {EventId} has ended; live polling stops, the summary follows in {Seconds} s")]
        public static partial void Ended(ILogger logger, string eventId, double seconds);

        [LoggerMessage(EventId = 501, Level = LogLevel.Warning, Message = "Post-event fetch for event {EventId} failed ({Reason}): {Detail}; retrying in {Seconds} s")]
        public static partial void FetchFailed(ILogger logger, string eventId, string reason, string detail, double seconds);

        [LoggerMessage(EventId = 502, Level = LogLevel.Information, Message = "Event {EventId} summarised ({Sessions} sessions); its series stay for {Hours} h")]
        public static partial void Summarised(ILogger logger, string eventId, long sessions, double hours);

        [LoggerMessage(EventId = 507, Level = LogLevel.Information, Message = "Event {EventId}'s summary read again: {Before} sessions then, {After} now ({Change})")]
        public static partial void Refreshed(ILogger logger, string eventId, long before, long after, ReportChange change);

        [LoggerMessage(EventId = 503, Level = LogLevel.Information, Message = "Event {EventId} expired; all its series were removed")]
        public static partial void Expired(ILogger logger, string eventId);

        [LoggerMessage(EventId = 504, Level = LogLevel.Warning, Message = "Rev has no post-event report for event {EventId} (Rev before 7.36?); used the deprecated report, which lacks buffering figures")]
        public static partial void DeprecatedReport(ILogger logger, string eventId);

        [LoggerMessage(EventId = 505, Level = LogLevel.Warning, Message = "Rev returned {Limit} or more comments for event {EventId} in one unpageable answer (its default size): vbrick_webcast_comments_total may be short of the true count")]
        public static partial void CommentsAtLimit(ILogger logger, string eventId, int limit);

        [LoggerMessage(EventId = 506, Level = LogLevel.Warning, Message = "Post-event part of event {EventId} left out of the summary: {Detail}")]
        public static partial void PartSkipped(ILogger logger, string eventId, string detail);
    }
}
