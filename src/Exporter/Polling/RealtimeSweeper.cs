using Microsoft.Extensions.Options;
using Vbrick.Exporter.Aggregation;
using Vbrick.Exporter.Metrics;
using Vbrick.Exporter.Rev;
using Vbrick.Exporter.Budget;

namespace Vbrick.Exporter.Polling;

/// <summary>
/// Spends one real-time attendee request on one event: its top-level figures are published at
/// once, its attendees advance the event's sweep, and the sweep is published whole when its last
/// page arrives. A page that fails ends the sweep unpublished (Rev's scroll may have moved on, so
/// asking again could skip a page silently), except a 429 or 401, which Rev refused before serving.
/// </summary>
internal sealed partial class RealtimeSweeper(
    RevClient client,
    RevRequestBudgets budgets,
    WebcastPublisher publisher,
    ReadinessState readiness,
    TimeProvider time,
    IOptions<PollingOptions> options,
    ILogger<RealtimeSweeper> logger)
{
    private const int PageSize = 500;

    // Headroom for an audience that grows while a long sweep is under way.
    private const int ExtraPages = 10;

    public async Task PollAsync(WatchedEvent watched, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        watched.NextRealtimeAt = now + options.Value.Interval;
        var sweep = watched.Sweep ??= watched.Audience.StartSweep(now);
        sweep.BeginPage();
        RealtimePage page;
        try
        {
            page = await client.GetRealtimeAttendeesAsync(watched.Id, watched.ScrollId, sweep, cancellationToken);
        }
        catch (RevApiException ex)
        {
            OnFailure(watched, ex);
            return;
        }

        var at = time.GetUtcNow();
        budgets.OnSuccess(RequestFamily.RealtimeAttendees, at);
        readiness.MarkReady();
        publisher.PublishSummary(watched.Id, EventWideFigures.From(page), at);
        publisher.PublishRequestOutcome(watched.Id, success: true, at);
        if (page.InvalidItems > 0)
        {
            publisher.PublishInvalidRecords(watched.Id, "not_an_object", page.InvalidItems);
        }

        if (page.IsInitiated)
        {
            OnInitiated(watched, page);
            return;
        }

        sweep.CountPage();
        if (page.AttendeesRead > 0 && sweep.DuplicatesInPage == page.AttendeesRead)
        {
            EndSweep(watched, "repeated_page");
            return;
        }

        var total = page.Total;
        var last = string.IsNullOrEmpty(page.ScrollId) || page.AttendeesRead == 0 || (total is { } t && sweep.Records >= t);
        if (last)
        {
            var result = sweep.Complete(at, total);
            publisher.PublishSweep(watched.Id, result, watched.Audience.TrackedSessions);
            watched.Audience.Recycle(result);
            watched.ResetSweep();
            Log.SweepCompleted(logger, watched.Id, result.Pages, result.SessionsSeen, result.Coverage);
            return;
        }

        if (total is { } expected && sweep.Pages > ((expected + PageSize - 1) / PageSize) + ExtraPages)
        {
            // Rev keeps handing out pages past its own total: never loop on a scroll forever.
            EndSweep(watched, "failed");
            return;
        }

        watched.ScrollId = page.ScrollId;
        publisher.PublishSweepProgress(watched.Id, total is > 0 ? Math.Min(1.0, (double)sweep.Records / total.Value) : 0);
    }

    /// <summary>Ends the event's sweep, if any, without publishing it.</summary>
    public void EndSweep(WatchedEvent watched, string outcome)
    {
        if (watched.Sweep is null)
        {
            return;
        }

        watched.ResetSweep();
        publisher.PublishSweepEnded(watched.Id, outcome);
        Log.SweepEnded(logger, watched.Id, outcome);
    }

    private void OnInitiated(WatchedEvent watched, RealtimePage page)
    {
        // Rev is still starting its aggregation: the counts above are all this page is good for.
        // Records it carried cannot be taken back out of the sweep, so that sweep starts over.
        if (page.AttendeesRead > 0)
        {
            EndSweep(watched, "abandoned");
        }
        else if (watched.ScrollId is null && watched.Sweep?.Records == 0)
        {
            watched.ResetSweep();
        }
    }

    private void OnFailure(WatchedEvent watched, RevApiException ex)
    {
        var at = time.GetUtcNow();
        switch (ex.Kind)
        {
            case RevErrorKind.RateLimited:
                budgets.OnRateLimited(RequestFamily.RealtimeAttendees, at, ex.RetryAfter);
                Log.RateLimited(logger, watched.Id, (ex.RetryAfter ?? RequestBudget.DefaultPause).TotalSeconds);
                break;
            case RevErrorKind.Unauthorized:
                break;
            case RevErrorKind.ScrollExpired:
                // Not a failure of the event: the next request starts a new scroll.
                EndSweep(watched, "scroll_restart");
                return;
            case RevErrorKind.NotFound:
                EndSweep(watched, "failed");
                watched.NextStatusAt = at;
                break;
            default:
                EndSweep(watched, "failed");
                break;
        }

        publisher.PublishRequestOutcome(watched.Id, success: false, at, ex.Reason);
        Log.RequestFailed(logger, watched.Id, ex.Reason, ex.Message);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 200, Level = LogLevel.Debug, Message = "Sweep of event {EventId} completed: {Pages} pages, {Sessions} sessions, coverage {Coverage:0.###}")]
        public static partial void SweepCompleted(ILogger logger, string eventId, int pages, long sessions, double coverage);

        [LoggerMessage(EventId = 201, Level = LogLevel.Information, Message = "Sweep of event {EventId} ended unpublished ({Outcome}); the next request starts a new one")]
        public static partial void SweepEnded(ILogger logger, string eventId, string outcome);

        [LoggerMessage(EventId = 202, Level = LogLevel.Warning, Message = "Real-time attendee request for event {EventId} failed ({Reason}): {Detail}")]
        public static partial void RequestFailed(ILogger logger, string eventId, string reason, string detail);

        [LoggerMessage(EventId = 203, Level = LogLevel.Warning, Message = "Rev rate-limited the real-time request for event {EventId}; pausing the family for {Seconds} s and lowering the rate")]
        public static partial void RateLimited(ILogger logger, string eventId, double seconds);
    }
}
