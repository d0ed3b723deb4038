using Microsoft.Extensions.Options;
using Vbrick.Exporter.Aggregation;
using Vbrick.Exporter.Aggregation.Census;
using Vbrick.Exporter.Budget;
using Vbrick.Exporter.Metrics;
using Vbrick.Exporter.Rev;

namespace Vbrick.Exporter.Polling;

/// <summary>
/// Performs the real-time request the planner chose and hands what it returned to the event's
/// state (<see cref="EventPlan"/>, its census, its sweep): a sample (a first page whose scroll is
/// dropped), a census or probe page (a first page searching one value), the first page of a sweep,
/// or the next page of the open scroll. Unfiltered pages publish event-wide figures at once, every
/// page's readings feed the counters and the quality window, and a sweep is published whole when
/// its last page arrives. A sweep page that fails ends the sweep unpublished (Rev's scroll may have
/// moved on, so asking again could skip a page silently).
/// </summary>
internal sealed partial class RealtimeSweeper(
    RevClient client,
    RevRequestBudgets budgets,
    ScrollLifetimeEstimate lifetime,
    SearchRuleBook rules,
    WebcastPublisher publisher,
    ReadinessState readiness,
    TimeProvider time,
    IOptions<PollingOptions> options,
    IOptions<EventsOptions> events,
    ILogger<RealtimeSweeper> logger)
{
    public ScrollLifetimeEstimate Lifetime => lifetime;

    /// <summary>The limits the planner works under now.</summary>
    public PlanContext Context(DateTimeOffset now)
    {
        var realtime = budgets[RequestFamily.RealtimeAttendees];
        return new PlanContext(now, realtime.Slot, realtime.NextAllowedAt, lifetime, options.Value);
    }

    public async Task RunAsync(PlannedRequest request, IReadOnlyList<PlanInput> inputs, CancellationToken cancellationToken)
    {
        var watched = request.Event;
        var plan = watched.Plan;
        var now = time.GetUtcNow();
        SampleAccumulator? sample = null;
        CensusPage? census = null;
        IAttendeeSink sink;
        RealtimeQuery query;
        switch (request.Kind)
        {
            case PlannedKind.Sample:
                sink = sample = watched.Audience.StartSample(now);
                query = RealtimeQuery.FirstPage;
                break;
            case PlannedKind.Census or PlannedKind.Probe:
                var value = request.Value ?? throw new InvalidOperationException("A census request needs a value.");
                sample = watched.Audience.StartSample(now);
                sink = census = new CensusPage(sample, value.Field);
                query = RealtimeQuery.Search(value.Field, value.Raw, onlineOnly: request.Kind == PlannedKind.Census, request.Descending);
                break;
            case PlannedKind.StartSweep:
                EndSweep(watched, SweepOutcome.Abandoned);
                plan.SweepStarted(now, options.Value.Interval);
                sink = watched.Sweep = watched.Audience.StartSweep(now);
                watched.Sweep.BeginPage();
                query = RealtimeQuery.FirstPage;
                break;
            case PlannedKind.Continue:
                var sweep = watched.Sweep ?? throw new InvalidOperationException("A continuation needs a sweep in progress.");
                sweep.BeginPage();
                sink = sweep;
                query = RealtimeQuery.Continue(plan.ScrollId ?? throw new InvalidOperationException("A continuation needs an open scroll."));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(request), request.Kind, null);
        }

        Log.Requesting(logger, watched.Id, request.Kind, request.Value?.Field, request.Value?.Label, request.Focus);
        RealtimePage page;
        try
        {
            page = await client.GetRealtimeAttendeesAsync(watched.Id, query, sink, watched.RunNumber, cancellationToken);
        }
        catch (RevApiException ex)
        {
            using (publisher.Hold())
            {
                OnFailure(request, ex, now - plan.ScrollLastPageAt);
            }

            return;
        }

        // Everything the page changes reaches a scrape together: one hold of the publication gate.
        using var publication = publisher.Hold();
        var at = time.GetUtcNow();
        budgets.OnSuccess(RequestFamily.RealtimeAttendees, at);
        readiness.MarkReady();
        plan.Succeeded();
        publisher.PublishRequestOutcome(watched.Id, success: true, at);
        if (page.InvalidItems > 0)
        {
            publisher.PublishInvalidRecords(watched.Id, InvalidRecordReason.NotAnObject, page.InvalidItems);
        }

        publisher.PublishDurationsPastSessionAge(watched.Id, DurationField.LiveBuffering, page.DurationsPastSessionAge);
        if (watched.Audience.DrainImplausible() is > 0 and var implausible)
        {
            publisher.PublishInvalidRecords(watched.Id, InvalidRecordReason.ImplausibleTotal, implausible);
        }

        // Rev does not say whether a searched page's counts are the event's or the search's (its
        // total is the search's), nor whether a continuation's are the scroll's snapshot or fresh:
        // only unfiltered first pages carry the event-wide figures. An Initiated page whose counts
        // are all 0 is Rev's aggregation just starting, not an empty webcast.
        if (!query.IsSearch && query.ScrollId is null && !(page.IsInitiated && (page.HostCount ?? 0) + (page.ModeratorCount ?? 0) + (page.AttendeeCount ?? 0) == 0))
        {
            publisher.PublishSummary(watched.Id, EventWideFigures.From(page), at);
            plan.FiguresRead(at);
            if (request.Kind == PlannedKind.StartSweep)
            {
                // A sweep's first page is the stable page (the same fixed sort): it re-reads the sample.
                plan.SampleRead(at);
            }

            // A page that has a continuation is full: it shows the page size Rev serves.
            LearnSize(watched, page.Total, string.IsNullOrWhiteSpace(page.ScrollId) ? 0 : page.AttendeesRead, at);
        }

        if (page.IsInitiated)
        {
            OnInitiated(watched, page, request.Kind);
            return;
        }

        watched.Census.Discover(at);
        var quality = watched.Audience.Quality.Evaluate(at, options.Value.QualityWindow, watched.Audience.Zones);
        publisher.PublishZoneQuality(watched.Id, quality);
        plan.Suspect(ZoneQuality.MostSuspect(quality), at, options.Value.QualityWindow * 2);

        if (census is not null)
        {
            Counted(request, census, page, at);
            return;
        }

        if (sample is not null)
        {
            plan.SampleRead(at);
            publisher.PublishSample(watched.Id, SampleKind.Stable, sample.Increases());
            return;
        }

        ContinueSweep(watched, page, at, request.Kind == PlannedKind.StartSweep ? inputs : null);
    }

    /// <summary>
    /// Lets go of scrolls left idle past the assumed lifetime (a long 429 pause): sending their ids
    /// would only waste a request on an answer that the scroll expired.
    /// </summary>
    public void DropLapsedScrolls(IReadOnlyList<WatchedEvent> watched, DateTimeOffset now)
    {
        // The estimate may have gone back to the configured value, or be due a new try at continuing.
        lifetime.Refresh(now);
        publisher.PublishScrollLifetime(lifetime.Current.TotalSeconds);
        foreach (var item in watched)
        {
            if (item.Plan.HasOpenScroll && lifetime.IsPast(now - item.Plan.ScrollLastPageAt))
            {
                EndSweep(item, SweepOutcome.Abandoned);
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

    private void Counted(PlannedRequest request, CensusPage census, RealtimePage page, DateTimeOffset at)
    {
        var watched = request.Event;
        var value = request.Value!;
        var field = value.Field;
        var evidence = rules[field];
        publisher.PublishSample(watched.Id, request.Kind == PlannedKind.Probe ? SampleKind.Probe : KindOf(field), census.Reading.Increases());
        var verdict = watched.Census.Apply(value, census, page, request.Kind == PlannedKind.Census, request.Descending, evidence, at);
        if (request.Focus)
        {
            watched.Plan.FocusRead(at);
        }

        var uncounted = watched.Census.Values(field).Count(v => !v.ListedOnly && v.LastResult is { } r && !r.Counted());
        publisher.PublishCensusPage(watched.Id, field, request.Kind == PlannedKind.Census ? verdict.Result : null, uncounted, evidence.Plausible);
        publisher.PublishHeadCounts(watched.Id, field, watched.Census.Counts(field));
    }

    private void ContinueSweep(WatchedEvent watched, RealtimePage page, DateTimeOffset at, IReadOnlyList<PlanInput>? firstPageOf)
    {
        var sweep = watched.Sweep!;
        sweep.CountPage(page.AttendeesRead);
        if (sweep.Pages > 1)
        {
            // Rev served a continuation: the lifetime held, whatever comes of this page.
            lifetime.Continued();
        }

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
            watched.Census.ApplySweep(result);
            foreach (var field in EventCensus.Fields)
            {
                publisher.PublishHeadCounts(watched.Id, field, watched.Census.Counts(field));
            }

            watched.Audience.Recycle(result);
            watched.Sweep = null;
            watched.Plan.SweepCompleted(at);
            Log.SweepCompleted(logger, watched.Id, result.Pages, result.SessionsSeen, result.Coverage);
            return;
        }

        if (ScrollGuard.RanAway(sweep.Pages, total, events.Value.MaxSessionsPerEvent, ScrollGuard.Served(sweep.LargestPage)))
        {
            EndSweep(watched, SweepOutcome.Failed);
            return;
        }

        if (firstPageOf is not null && !StillFits(watched, firstPageOf, at))
        {
            // Too large to sweep now without another event going stale or a scroll expiring: the
            // page is kept as a sample and its scroll is never continued.
            publisher.PublishSample(watched.Id, SampleKind.Stable, sweep.CommitAsSample());
            watched.Plan.SampleRead(at);
            EndSweep(watched, SweepOutcome.Deferred);
            return;
        }

        watched.Plan.ScrollContinues(page.ScrollId!, at);
        publisher.PublishSweepProgress(watched.Id, total is > 0 ? Math.Min(1.0, (double)sweep.Records / total.Value) : 0);
    }

    /// <summary>After a sweep's first page told its size: whether its scroll may stay open (a sweep of unknown size may turn out not to fit).</summary>
    private bool StillFits(WatchedEvent watched, IReadOnlyList<PlanInput> inputs, DateTimeOffset at)
    {
        var context = Context(at);
        List<PlanInput> live = [.. inputs.Where(i => i.Event.WantsRealtime)];
        return RealtimePlanner.SweepFits(watched, live, context, RealtimePlanner.FiguresBound(live, context));
    }

    private void LearnSize(WatchedEvent watched, long? total, int fullPage, DateTimeOffset at)
    {
        if (total is not { } t || t < 0)
        {
            return;
        }

        watched.Plan.ServedPageSize = fullPage > 0 ? ScrollGuard.Served(fullPage) : watched.Plan.ServedPageSize;
        var pages = ScrollGuard.PagesFor(t, watched.Plan.ServedPageSize);
        var mode = RealtimePlanner.ModeFor(pages, Context(at));
        var first = watched.Plan.Pages is null;
        if (watched.Plan.Sized(pages, mode) || first)
        {
            publisher.PublishRealtimeMode(watched.Id, mode);
            Log.ModeChosen(logger, watched.Id, mode, pages);
        }
    }

    private void OnInitiated(WatchedEvent watched, RealtimePage page, PlannedKind kind)
    {
        if (kind is not (PlannedKind.StartSweep or PlannedKind.Continue))
        {
            return;
        }

        // Rev is still starting its aggregation: the counts above are all this page is good for.
        // Records it carried cannot be taken back out of the sweep, so that sweep starts over.
        if (page.AttendeesRead > 0)
        {
            EndSweep(watched, SweepOutcome.Abandoned);
        }
        else if (!watched.Plan.HasOpenScroll && watched.Sweep?.Records == 0)
        {
            watched.ResetSweep();
        }
    }

    private void OnFailure(PlannedRequest request, RevApiException ex, TimeSpan idleGap)
    {
        var watched = request.Event;
        var at = time.GetUtcNow();
        var ofSweep = request.Kind is PlannedKind.StartSweep or PlannedKind.Continue;
        if (request.Value is { } value && !ofSweep)
        {
            EventCensus.Failed(value, at);
        }

        // A 429 or 401 is refused before Rev serves anything: the scroll has not moved, so the sweep
        // stays open; any other failure may have moved it, so the sweep ends unpublished.
        switch (ex.Kind)
        {
            case RevErrorKind.RateLimited:
                // The account pauses, not this event.
                budgets.OnRateLimited(RequestFamily.RealtimeAttendees, at, ex.RetryAfter);
                Log.RateLimited(logger, watched.Id, (ex.RetryAfter ?? RequestBudget.DefaultPause).TotalSeconds);
                ofSweep = false;
                break;
            case RevErrorKind.Unauthorized:
                ofSweep = false;
                break;
            case RevErrorKind.ScrollExpired when request.Kind == PlannedKind.Continue:
                // Not a failure of the event: Rev forgot the scroll sooner than assumed. Plan with less.
                lifetime.OnExpired(idleGap, budgets[RequestFamily.RealtimeAttendees].Slot, at);
                publisher.PublishScrollLifetime(lifetime.Current.TotalSeconds);
                Log.ScrollExpired(logger, watched.Id, idleGap.TotalSeconds, lifetime.Current.TotalSeconds);
                EndSweep(watched, SweepOutcome.ScrollRestart);
                return;
            case RevErrorKind.NotFound:
                watched.NextStatusAt = at;
                watched.Plan.Failed(at);
                break;
            default:
                watched.Plan.Failed(at);
                break;
        }

        if (ofSweep)
        {
            EndSweep(watched, SweepOutcome.Failed);
        }

        publisher.PublishRequestOutcome(watched.Id, success: false, at, ex.Failure);
        Log.RequestFailed(logger, watched.Id, ex.Reason, ex.Message);
    }

    private static SampleKind KindOf(SearchField field) => field switch
    {
        SearchField.ZoneName => SampleKind.Zone,
        SearchField.StreamType => SampleKind.StreamType,
        SearchField.Browser => SampleKind.Browser,
    };

    private static partial class Log
    {
        [LoggerMessage(EventId = 200, Level = LogLevel.Debug, Message = "Sweep of event {EventId} completed: {Pages} pages, {Sessions} sessions, coverage {Coverage:0.###}")]
        public static partial void SweepCompleted(ILogger logger, string eventId, int pages, long sessions, double coverage);

        [LoggerMessage(EventId = 201, Level = LogLevel.Information, Message = "Sweep of event {EventId} ended unpublished ({Outcome}); the next request starts a new one")]
        public static partial void SweepEnded(ILogger logger, string eventId, SweepOutcome outcome);

        [LoggerMessage(EventId = 202, Level = LogLevel.Warning, Message = "Real-time attendee request for event {EventId} failed ({Reason}): {Detail}; that event backs off, the others carry on")]
        public static partial void RequestFailed(ILogger logger, string eventId, string reason, string detail);

        [LoggerMessage(EventId = 203, Level = LogLevel.Warning, Message = "Rev rate-limited the real-time request for event {EventId}; pausing the family for {Seconds} s and lowering the rate")]
        public static partial void RateLimited(ILogger logger, string eventId, double seconds);

        [LoggerMessage(EventId = 204, Level = LogLevel.Warning, Message = "Rev forgot the scroll of event {EventId} after {IdleSeconds} s idle; planning with a scroll lifetime of {LifetimeSeconds} s")]
        public static partial void ScrollExpired(ILogger logger, string eventId, double idleSeconds, double lifetimeSeconds);

        [LoggerMessage(EventId = 206, Level = LogLevel.Debug, Message = "Real-time request for event {EventId}: {Kind} (field {Field}, value {Value}, focus {Focus})")]
        public static partial void Requesting(ILogger logger, string eventId, PlannedKind kind, SearchField? field, string? value, bool focus);

        [LoggerMessage(EventId = 205, Level = LogLevel.Information, Message = "Event {EventId} is read in {Mode} mode ({Pages} pages a sweep)")]
        public static partial void ModeChosen(ILogger logger, string eventId, RealtimeMode mode, int pages);
    }
}
