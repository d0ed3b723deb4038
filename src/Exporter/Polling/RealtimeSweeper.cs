using Microsoft.Extensions.Options;
using Vbrick.Exporter.Aggregation;
using Vbrick.Exporter.Budget;
using Vbrick.Exporter.Metrics;
using Vbrick.Exporter.Rev;

namespace Vbrick.Exporter.Polling;

/// <summary>
/// Spends one real-time attendee request as the scheduler chose: a sample (a first page whose
/// scroll is dropped), the first page of a sweep, or the next page of the open scroll. Event-wide
/// figures are published at once, readings feed the quality window, and a sweep is published whole
/// when its last page arrives. A sweep page that fails ends the sweep unpublished (Rev's scroll may
/// have moved on, so asking again could skip a page silently), except a 429 or 401, which Rev
/// refused before serving.
/// </summary>
internal sealed partial class RealtimeSweeper(
    RevClient client,
    RevRequestBudgets budgets,
    RealtimeScheduler scheduler,
    WebcastPublisher publisher,
    ReadinessState readiness,
    TimeProvider time,
    IOptions<PollingOptions> options,
    IOptions<EventsOptions> events,
    ILogger<RealtimeSweeper> logger)
{

    public async Task RunAsync(RealtimeAction action, IReadOnlyList<WatchedEvent> events, CancellationToken cancellationToken)
    {
        var watched = action.Event;
        var schedule = watched.Realtime;
        var now = time.GetUtcNow();
        SampleAccumulator? sample = null;
        IAttendeeSink sink;
        string? scrollId = null;
        switch (action.Kind)
        {
            case RealtimeRequestKind.Sample:
                sink = sample = watched.Audience.StartSample(now);
                break;
            case RealtimeRequestKind.StartSweep:
                EndSweep(watched, SweepOutcome.Abandoned);
                schedule.NextSweepAt = now + options.Value.Interval;
                sink = watched.Sweep = watched.Audience.StartSweep(now);
                break;
            default:
                sink = watched.Sweep ?? throw new InvalidOperationException("A continuation needs a sweep in progress.");
                scrollId = schedule.ScrollId;
                break;
        }

        watched.Sweep?.BeginPage(now);
        RealtimePage page;
        try
        {
            var query = scrollId is not null ? RealtimeQuery.Continue(scrollId)
                : action.Zone is { } zone ? RealtimeQuery.Search(SearchField.ZoneName, zone, onlineOnly: false, descending: false)
                : RealtimeQuery.FirstPage;
            page = await client.GetRealtimeAttendeesAsync(watched.Id, query, sink, watched.RunNumber, cancellationToken);
        }
        catch (RevApiException ex)
        {
            OnFailure(action, ex, now - schedule.ScrollLastPageAt);
            return;
        }

        var at = time.GetUtcNow();
        budgets.OnSuccess(RequestFamily.RealtimeAttendees, at);
        readiness.MarkReady();
        publisher.PublishRequestOutcome(watched.Id, success: true, at);
        if (page.InvalidItems > 0)
        {
            publisher.PublishInvalidRecords(watched.Id, "not_an_object", page.InvalidItems);
        }

        // Rev does not say whether a searched page's counts and total are the event's or the
        // search's: a zone-focused sample feeds the quality window only.
        if (action.Zone is null)
        {
            publisher.PublishSummary(watched.Id, EventWideFigures.From(page), at);
            schedule.FiguresAt = at;
            LearnSize(watched, page.Total);
        }

        if (page.IsInitiated)
        {
            OnInitiated(watched, page, action.Kind);
            return;
        }

        var quality = watched.Audience.Quality.Evaluate(at, options.Value.QualityWindow, watched.Audience.Zones);
        publisher.PublishZoneQuality(watched.Id, quality);
        var suspect = ZoneQuality.MostSuspect(quality);
        if (suspect != schedule.FocusZone)
        {
            schedule.FocusZone = suspect;
            schedule.NextFocusAt = at;
        }

        if (sample is not null)
        {
            if (action.Zone is null)
            {
                schedule.LastSampleAt = at;
                schedule.NextSampleAt = at + options.Value.SampleInterval;
            }
            else
            {
                // Twice as often as the stable sample: its sessions must be read twice soon.
                schedule.NextFocusAt = at + (options.Value.SampleInterval / 2);
            }

            schedule.LastSpareWasFocus = action.Zone is not null;
            publisher.PublishSample(watched.Id, action.Zone is null ? SampleKind.Stable : SampleKind.Zone, sample.Increases());
            return;
        }

        ContinueSweep(watched, page, at, action.Kind == RealtimeRequestKind.StartSweep ? events : null);
    }

    /// <summary>
    /// Lets go of scrolls left idle past the assumed lifetime (a long 429 pause): sending their ids
    /// would only waste a request on an answer that the scroll expired.
    /// </summary>
    public void DropLapsedScrolls(IReadOnlyList<WatchedEvent> events, DateTimeOffset now)
    {
        // The estimate may have gone back to the configured value (an hour without expiry).
        scheduler.Lifetime.Refresh(now);
        publisher.PublishScrollLifetime(scheduler.Lifetime.Current.TotalSeconds);
        foreach (var watched in events)
        {
            if (watched.Realtime.HasOpenScroll && scheduler.Lifetime.IsPast(now - watched.Realtime.ScrollLastPageAt))
            {
                EndSweep(watched, SweepOutcome.Abandoned);
            }
        }
    }

    /// <summary>Ends the event's sweep, if any, without publishing it.</summary>
    public void EndSweep(WatchedEvent watched, SweepOutcome outcome)
    {
        if (watched.Sweep is null)
        {
            return;
        }

        watched.ResetSweep();
        publisher.PublishSweepEnded(watched.Id, outcome);
        Log.SweepEnded(logger, watched.Id, outcome);
    }

    private void ContinueSweep(WatchedEvent watched, RealtimePage page, DateTimeOffset at, IReadOnlyList<WatchedEvent>? firstPageOf)
    {
        var sweep = watched.Sweep!;
        sweep.CountPage();
        if (page.AttendeesRead > 0 && sweep.DuplicatesInPage == page.AttendeesRead)
        {
            EndSweep(watched, SweepOutcome.RepeatedPage);
            return;
        }

        var total = page.Total;
        var last = string.IsNullOrWhiteSpace(page.ScrollId) || page.AttendeesRead == 0 || (total is { } t && sweep.Records >= t);
        if (last)
        {
            var result = sweep.Complete(at, total);
            publisher.PublishSweep(watched.Id, result, watched.Audience.TrackedSessions);
            watched.Audience.Recycle(result);
            watched.ResetSweep();
            watched.Realtime.LastSweepCompletedAt = at;
            Log.SweepCompleted(logger, watched.Id, result.Pages, result.SessionsSeen, result.Coverage);
            return;
        }

        if (ScrollGuard.RanAway(sweep.Pages, total, events.Value.MaxSessionsPerEvent))
        {
            EndSweep(watched, SweepOutcome.Failed);
            return;
        }

        if (firstPageOf is not null && !scheduler.KeepsScroll(watched, firstPageOf, at, budgets[RequestFamily.RealtimeAttendees].Slot))
        {
            // Too large to sweep now without another event going stale or a scroll expiring: the
            // page is kept as a sample and its scroll is never continued.
            publisher.PublishSample(watched.Id, SampleKind.Stable, sweep.CommitAsSample());
            watched.Realtime.LastSampleAt = at;
            watched.Realtime.NextSampleAt = at + options.Value.SampleInterval;
            EndSweep(watched, SweepOutcome.Deferred);
            return;
        }

        watched.Realtime.OpenScroll(page.ScrollId!, at);
        publisher.PublishSweepProgress(watched.Id, total is > 0 ? Math.Min(1.0, (double)sweep.Records / total.Value) : 0);
    }

    private void LearnSize(WatchedEvent watched, long? total)
    {
        if (total is not { } t || t < 0)
        {
            return;
        }

        var schedule = watched.Realtime;
        schedule.Pages = ScrollGuard.PagesFor(t);
        var mode = scheduler.ModeFor(schedule.Pages.Value, budgets[RequestFamily.RealtimeAttendees].Slot);
        if (mode != schedule.Mode || !schedule.ModePublished)
        {
            schedule.Mode = mode;
            schedule.ModePublished = true;
            publisher.PublishRealtimeMode(watched.Id, mode);
            Log.ModeChosen(logger, watched.Id, mode, schedule.Pages.Value);
        }
    }

    private void OnInitiated(WatchedEvent watched, RealtimePage page, RealtimeRequestKind kind)
    {
        if (kind == RealtimeRequestKind.Sample)
        {
            return;
        }

        // Rev is still starting its aggregation: the counts above are all this page is good for.
        // Records it carried cannot be taken back out of the sweep, so that sweep starts over.
        if (page.AttendeesRead > 0)
        {
            EndSweep(watched, SweepOutcome.Abandoned);
        }
        else if (!watched.Realtime.HasOpenScroll && watched.Sweep?.Records == 0)
        {
            watched.ResetSweep();
        }
    }

    private void OnFailure(RealtimeAction action, RevApiException ex, TimeSpan idleGap)
    {
        var watched = action.Event;
        var at = time.GetUtcNow();
        var ofSweep = action.Kind != RealtimeRequestKind.Sample;
        switch (ex.Kind)
        {
            case RevErrorKind.RateLimited:
                budgets.OnRateLimited(RequestFamily.RealtimeAttendees, at, ex.RetryAfter);
                Log.RateLimited(logger, watched.Id, (ex.RetryAfter ?? RequestBudget.DefaultPause).TotalSeconds);
                break;
            case RevErrorKind.Unauthorized:
                break;
            case RevErrorKind.ScrollExpired when action.Kind == RealtimeRequestKind.Continue:
                // Not a failure of the event: Rev forgot the scroll sooner than assumed. Plan with less.
                var slot = budgets[RequestFamily.RealtimeAttendees].Slot;
                scheduler.Lifetime.OnExpired(idleGap, slot, at);
                publisher.PublishScrollLifetime(scheduler.Lifetime.Current.TotalSeconds);
                Log.ScrollExpired(logger, watched.Id, idleGap.TotalSeconds, scheduler.Lifetime.Current.TotalSeconds);
                EndSweep(watched, SweepOutcome.ScrollRestart);
                return;
            case RevErrorKind.NotFound:
                if (ofSweep)
                {
                    EndSweep(watched, SweepOutcome.Failed);
                }

                watched.NextStatusAt = at;
                break;
            default:
                if (ofSweep)
                {
                    EndSweep(watched, SweepOutcome.Failed);
                }

                break;
        }

        if (action.Kind == RealtimeRequestKind.Sample)
        {
            // A failed sample is retried at the next interval, not at once.
            watched.Realtime.NextSampleAt = at + options.Value.SampleInterval;
        }

        publisher.PublishRequestOutcome(watched.Id, success: false, at, ex.Reason);
        Log.RequestFailed(logger, watched.Id, ex.Reason, ex.Message);
    }


    private static partial class Log
    {
        [LoggerMessage(EventId = 200, Level = LogLevel.Debug, Message = "Sweep of event {EventId} completed: {Pages} pages, {Sessions} sessions, coverage {Coverage:0.###}")]
        public static partial void SweepCompleted(ILogger logger, string eventId, int pages, long sessions, double coverage);

        [LoggerMessage(EventId = 201, Level = LogLevel.Information, Message = "Sweep of event {EventId} ended unpublished ({Outcome}); the next request starts a new one")]
        public static partial void SweepEnded(ILogger logger, string eventId, SweepOutcome outcome);

        [LoggerMessage(EventId = 202, Level = LogLevel.Warning, Message = "Real-time attendee request for event {EventId} failed ({Reason}): {Detail}")]
        public static partial void RequestFailed(ILogger logger, string eventId, string reason, string detail);

        [LoggerMessage(EventId = 203, Level = LogLevel.Warning, Message = "Rev rate-limited the real-time request for event {EventId}; pausing the family for {Seconds} s and lowering the rate")]
        public static partial void RateLimited(ILogger logger, string eventId, double seconds);

        [LoggerMessage(EventId = 204, Level = LogLevel.Warning, Message = "Rev forgot the scroll of event {EventId} after {IdleSeconds} s idle; planning with a scroll lifetime of {LifetimeSeconds} s")]
        public static partial void ScrollExpired(ILogger logger, string eventId, double idleSeconds, double lifetimeSeconds);

        [LoggerMessage(EventId = 205, Level = LogLevel.Information, Message = "Event {EventId} is read in {Mode} mode ({Pages} pages a sweep)")]
        public static partial void ModeChosen(ILogger logger, string eventId, RealtimeMode mode, int pages);
    }
}
