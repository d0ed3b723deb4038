using Vbrick.Exporter.Tests.Support;
using Vbrick.Rev.Simulator;
using Vbrick.Rev.Simulator.Audience;
using Vbrick.Rev.Simulator.Faults;
using static Vbrick.Exporter.Tests.Support.SimulatorScenarios;

namespace Vbrick.Exporter.Tests.Polling;

public sealed class LifecycleTests
{
    private static readonly Dictionary<string, string?> FastLimits = SimulatorScenarios.FastLimits();

    [Fact]
    public async Task EndedEvent_AfterTheSettleDelay_IsSummarisedExactlyAsRevReportsIt()
    {
        var options = EndingEvent(viewers: 1_300, endsAfter: TimeSpan.FromMinutes(5));
        await using var harness = await ExporterHarness.StartAsync(options, FastLimits);

        await harness.RunForAsync(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(30));
        var ended = harness.Scrape();
        var realtimeAtEnd = harness.Simulator.Stats.Requests(FaultTarget.RealtimeAttendees);
        await harness.RunForAsync(TimeSpan.FromMinutes(4));
        var settling = harness.Scrape();
        await harness.RunForAsync(TimeSpan.FromMinutes(3));
        var summary = harness.Scrape();

        Assert.Equal(1, ended.Value("vbrick_webcast_lifecycle_stage", ("stage", "ended")));
        Assert.Null(ended.Value("vbrick_webcast_attendees"));
        Assert.Null(ended.Value("vbrick_webcast_audience"));

        // Rev's last figures and the last sweep's would read as fresh for the whole retention.
        foreach (var frozen in new[] { "vbrick_webcast_sessions", "vbrick_webcast_rebuffering_ratio", "vbrick_webcast_errors_per_attendee", "vbrick_webcast_figures_timestamp_seconds", "vbrick_webcast_sweep_timestamp_seconds" })
        {
            Assert.Null(ended.Value(frozen));
        }
        Assert.Null(settling.Value("vbrick_webcast_post_event_sessions_total"));
        Assert.Equal(realtimeAtEnd, harness.Simulator.Stats.Requests(FaultTarget.RealtimeAttendees));
        Assert.Equal(1, summary.Value("vbrick_webcast_lifecycle_stage", ("stage", "summarised")));
        Assert.Single(summary.Series("vbrick_webcast_post_event_info", ("run", "main"), ("source", "post_event_report")));
        Assert.True(harness.Simulator.Stats.Requests(FaultTarget.PostEventReport) >= 3, "more than 500 sessions take several pages");
        AssertMatchesReport(summary, harness.Simulator.PostEvent(SmallEventId).Sessions(0), buffering: true);
        AssertPollsAndComments(summary, harness.Simulator.PostEvent(SmallEventId));
        if (RequiredTool.ForExtraCheck("promtool", "Debian's prometheus package has it") is { } promtool)
        {
            var (exitCode, output) = await PromtoolLocator.RunAsync(promtool, "check metrics", summary.Text);
            Assert.True(exitCode == 0 && output.Trim().Length == 0, output);
        }
    }

    [Fact]
    public async Task AReportStillBeingAssembled_IsReadAgainAfterRefreshAfter_CountersFollowItUpwards()
    {
        // Rev fills the report over 10 minutes after the end; the exporter reads it 1 minute after
        // (a third of the sessions or less) and again an hour after that.
        var options = EndingEvent(viewers: 1_300, endsAfter: TimeSpan.FromMinutes(2));
        options.Events[0].ReportAssembly = TimeSpan.FromMinutes(10);
        var settings = new Dictionary<string, string?>(FastLimits) { ["PostEvent:SettleDelay"] = "00:01:00" };
        await using var harness = await ExporterHarness.StartAsync(options, settings);

        await harness.RunForAsync(TimeSpan.FromMinutes(8));
        var first = harness.Scrape();
        var truth = harness.Simulator.PostEvent(SmallEventId).Sessions(0);
        var firstSessions = first.Series("vbrick_webcast_post_event_sessions_total").Sum(s => s.Value);
        Assert.Equal(1, first.Value("vbrick_webcast_lifecycle_stage", ("stage", "summarised")));
        Assert.InRange(firstSessions, 1, truth.Count / 2);
        Assert.Empty(first.Series("vbrick_webcast_post_event_refreshes_total"));

        await harness.RunForAsync(TimeSpan.FromMinutes(60));
        var refreshed = harness.Scrape();
        AssertMatchesReport(refreshed, truth, buffering: true);
        Assert.Equal(1, refreshed.Value("vbrick_webcast_post_event_refreshes_total", ("result", "grew")));
        foreach (var series in first.Series("vbrick_webcast_post_event_sessions_total"))
        {
            Assert.True(refreshed.Value(series.Name, [.. series.Labels.Select(l => (l.Key, l.Value))]) >= series.Value, series.Key);
        }

        // Once only: an hour later nothing more is read.
        var reports = harness.Simulator.Stats.Requests(FaultTarget.PostEventReport);
        await harness.RunForAsync(TimeSpan.FromHours(1));
        Assert.Equal(reports, harness.Simulator.Stats.Requests(FaultTarget.PostEventReport));
    }

    [Fact]
    public async Task AReportServedAHundredSessionsAPage_IsReadToItsEnd()
    {
        // 3,000 sessions are 6 pages at the 500 asked for (a run-away past 16), 30 at the 100 served.
        var options = EndingEvent(viewers: 3_000, endsAfter: TimeSpan.FromMinutes(2));
        options.MaxPageSize = 100;
        var settings = new Dictionary<string, string?>(FastLimits) { ["PostEvent:SettleDelay"] = "00:01:00" };
        await using var harness = await ExporterHarness.StartAsync(options, settings);

        await harness.RunForAsync(TimeSpan.FromMinutes(10));

        var summary = harness.Scrape();
        Assert.Equal(1, summary.Value("vbrick_webcast_lifecycle_stage", ("stage", "summarised")));
        Assert.True(harness.Simulator.Stats.Requests(FaultTarget.PostEventReport) >= 30);
        AssertMatchesReport(summary, harness.Simulator.PostEvent(SmallEventId).Sessions(0), buffering: true);
    }

    [Fact]
    public async Task Retention_Expired_RemovesEverySeriesOfTheEvent()
    {
        var options = EndingEvent(viewers: 300, endsAfter: TimeSpan.FromMinutes(2));
        var settings = new Dictionary<string, string?>(FastLimits) { ["PostEvent:Retention"] = "01:00:00", ["PostEvent:SettleDelay"] = "00:01:00" };
        await using var harness = await ExporterHarness.StartAsync(options, settings);

        await harness.RunForAsync(TimeSpan.FromMinutes(10));
        var retained = harness.Scrape();
        await harness.RunForAsync(TimeSpan.FromMinutes(60));
        var expired = harness.Scrape();

        Assert.True(retained.Series("vbrick_webcast_post_event_sessions_total").Any());
        Assert.True(retained.Series("vbrick_webcast_buffering_events_total").Any());
        Assert.DoesNotContain(expired.Samples, s => s.Labels.TryGetValue("event_id", out var id) && id == SmallEventId);
        Assert.DoesNotContain(SmallEventId, expired.Text, StringComparison.Ordinal);
        var requests = harness.Simulator.Stats.Requests(FaultTarget.EventStatus);
        await harness.RunForAsync(TimeSpan.FromMinutes(30));
        Assert.Equal(requests, harness.Simulator.Stats.Requests(FaultTarget.EventStatus));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task RevBefore736_FallsBackToTheDeprecatedReportAndSaysSo(bool openApiPathOnly)
    {
        var options = EndingEvent(viewers: 700, endsAfter: TimeSpan.FromMinutes(1));
        options.Dialect = options.Dialect with { PostEventReport = PostEventReport.Missing };
        options.Dialect = options.Dialect with { DeprecatedReportPath = openApiPathOnly ? DeprecatedReportPath.ScheduledEventsPathOnly : DeprecatedReportPath.EventsPath };
        var settings = new Dictionary<string, string?>(FastLimits) { ["PostEvent:SettleDelay"] = "00:01:00" };
        await using var harness = await ExporterHarness.StartAsync(options, settings);

        await harness.RunForAsync(TimeSpan.FromMinutes(5));

        var scrape = harness.Scrape();
        Assert.Single(scrape.Series("vbrick_webcast_post_event_info", ("source", "deprecated_report")));
        AssertMatchesReport(scrape, harness.Simulator.PostEvent(SmallEventId).Sessions(0), buffering: false);
        Assert.Null(scrape.Value("vbrick_webcast_post_event_buffer_events_total"));
        Assert.Null(scrape.Value("vbrick_webcast_post_event_rebuffer_seconds_total"));
        Assert.Contains("deprecated report", harness.Logs.AllText(LogLevel.Information), StringComparison.Ordinal);
        Assert.Equal(openApiPathOnly ? 2 : 1, harness.Simulator.Stats.Requests(FaultTarget.DeprecatedReport));
    }

    [Fact]
    public async Task PostEventIds_AlreadyEnded_AreSummarisedAtStartUpWithoutLivePolling()
    {
        var finished = LiveEvent(SmallEventId, 900, seed: 8);
        finished.StartsAt = ExporterHarness.Epoch - TimeSpan.FromDays(3);
        var options = new RevSimulatorOptions { Events = [finished] };
        await using var harness = await ExporterHarness.StartAsync(options, new Dictionary<string, string?> { ["Events:Ids:0"] = null, ["Events:PostEventIds:0"] = SmallEventId });

        await harness.RunForAsync(TimeSpan.FromSeconds(30));

        var scrape = harness.Scrape();
        Assert.Equal(0, harness.Simulator.Stats.Requests(FaultTarget.RealtimeAttendees));
        AssertMatchesReport(scrape, harness.Simulator.PostEvent(SmallEventId).Sessions(0), buffering: true);
        Assert.Single(scrape.Series("vbrick_webcast_event_info", ("title", "Town hall 8")));
        Assert.Equal(1, scrape.Value("vbrick_exporter_watched_events", ("source", "post_event")));
        Assert.True(harness.Get<Vbrick.Exporter.Polling.ReadinessState>().IsReady);
    }

    [Fact]
    public async Task Restart_ReadsTheSummaryAgainWithoutDoubleCounting()
    {
        var finished = LiveEvent(SmallEventId, 600, seed: 9);
        finished.StartsAt = ExporterHarness.Epoch - TimeSpan.FromDays(1);
        var settings = new Dictionary<string, string?> { ["Events:Ids:0"] = null, ["Events:PostEventIds:0"] = SmallEventId };

        double? first, second;
        await using (var before = await ExporterHarness.StartAsync(new RevSimulatorOptions { Events = [finished] }, settings))
        {
            await before.RunForAsync(TimeSpan.FromSeconds(30));
            first = before.Scrape().Value("vbrick_webcast_post_event_viewing_seconds_total");
        }

        await using var after = await ExporterHarness.StartAsync(new RevSimulatorOptions { Events = [finished] }, settings);
        await after.RunForAsync(TimeSpan.FromSeconds(30));
        await after.RunForAsync(TimeSpan.FromHours(2));
        second = after.Scrape().Value("vbrick_webcast_post_event_viewing_seconds_total");

        Assert.NotNull(first);
        Assert.Equal(first, second);
        Assert.Equal(1, after.Simulator.Stats.Requests(FaultTarget.PollResults));
    }

    [Fact]
    public async Task PreProductionRun_Answering5xx_IsRetriedNotTakenAsTheEndOfTheRuns()
    {
        var options = EndingEvent(viewers: 200, endsAfter: TimeSpan.FromMinutes(1));
        options.PreProductionSessions = 3;
        var settings = new Dictionary<string, string?>(FastLimits) { ["PostEvent:SettleDelay"] = "00:00:30", ["PostEvent:IncludePreProduction"] = "true" };
        await using var harness = await ExporterHarness.StartAsync(options, settings);
        // The main run's one page passes; the first request for run 1 gets a 503 (no retry: 3 tries fail).
        harness.Simulator.Faults.Add(new Fault(FaultTarget.PostEventReport, FaultKind.Status) { StatusCode = 503, Skip = 1, Times = 4 });

        await harness.RunForAsync(TimeSpan.FromMinutes(6));

        var scrape = harness.Scrape();
        Assert.Equal(0, harness.Simulator.Faults.Pending);
        Assert.True(scrape.Value("vbrick_webcast_request_failures_total") >= 1);
        Assert.Equal(3, scrape.Value("vbrick_webcast_post_event_sessions_total", ("run", "pre_production_1")));
    }

    [Fact]
    public async Task PreProductionRuns_WhenIncluded_AreSummarisedWithTheirRunLabel()
    {
        var options = EndingEvent(viewers: 200, endsAfter: TimeSpan.FromMinutes(1));
        options.PreProductionSessions = 3;
        var settings = new Dictionary<string, string?>(FastLimits) { ["PostEvent:SettleDelay"] = "00:00:30", ["PostEvent:IncludePreProduction"] = "true" };
        await using var harness = await ExporterHarness.StartAsync(options, settings);

        await harness.RunForAsync(TimeSpan.FromMinutes(4));

        var scrape = harness.Scrape();
        Assert.Equal(3, scrape.Value("vbrick_webcast_post_event_sessions_total", ("run", "pre_production_1")));
        Assert.Equal(1800, scrape.Value("vbrick_webcast_post_event_viewing_seconds_total", ("run", "pre_production_1")));
        Assert.Empty(scrape.Series("vbrick_webcast_post_event_sessions_total", ("run", "pre_production_2")));
        Assert.Equal(harness.Simulator.PostEvent(SmallEventId).Sessions(0).Count, scrape.Value("vbrick_webcast_post_event_sessions_total", ("run", "main")));
    }

    [Theory]
    [InlineData(PollShape.BareArray, false, 3)]
    [InlineData(PollShape.SingleObject, true, 1)]
    public async Task OtherPollAndCommentShapes_GiveTheSameNumbers(PollShape shape, bool commentsPaged, int polls)
    {
        var options = EndingEvent(viewers: 4_000, endsAfter: TimeSpan.FromMinutes(1));
        options.PollShape = shape;
        options.Dialect = options.Dialect with { Comments = commentsPaged ? CommentsShape.Paged : CommentsShape.BareArray };
        var settings = new Dictionary<string, string?>(FastLimits) { ["PostEvent:SettleDelay"] = "00:00:30" };
        await using var harness = await ExporterHarness.StartAsync(options, settings);

        await harness.RunForAsync(TimeSpan.FromMinutes(8));

        var scrape = harness.Scrape();
        var model = harness.Simulator.PostEvent(SmallEventId);
        Assert.Equal(polls, scrape.Series("vbrick_webcast_poll_multiple_answers").Count());
        Assert.Equal(model.Comments().Count, scrape.Value("vbrick_webcast_comments_total"));
        Assert.Equal(model.Comments().Select(c => c.UserId).Distinct().Count(), scrape.Value("vbrick_webcast_commenters"));
        Assert.True(!commentsPaged || harness.Simulator.Stats.Requests(FaultTarget.Comments) >= 2);
    }

    [Fact]
    public async Task EndedEarly_StatusNeverSaysCompleted_SummarisedOnceEndDatePlusGracePlusSettleDelayHasPassed()
    {
        // Broadcast ends 2 minutes in, the schedule said 20; Rev then reads InProgress for good:
        // ended once that has lasted Polling:EndGrace past the end date (10 minutes: minute 30).
        var options = EndingEvent(viewers: 600, endsAfter: TimeSpan.FromMinutes(2));
        var simulated = options.Events[0];
        simulated.ScheduledDuration = simulated.Duration + TimeSpan.FromMinutes(18);
        simulated.StatusAfterEnd = "InProgress";
        var settings = new Dictionary<string, string?>(FastLimits) { ["PostEvent:SettleDelay"] = "00:01:00" };
        await using var harness = await ExporterHarness.StartAsync(options, settings);

        await harness.RunForAsync(TimeSpan.FromMinutes(29));
        var before = harness.Scrape();
        Assert.Null(before.Value("vbrick_webcast_post_event_sessions_total"));
        Assert.Equal(0, before.Value("vbrick_webcast_lifecycle_stage", ("stage", "ended")) ?? 0);
        Assert.Equal(0, before.Value("vbrick_webcast_lifecycle_stage", ("stage", "summarised")) ?? 0);

        await harness.RunForAsync(TimeSpan.FromMinutes(5));
        var after = harness.Scrape();
        Assert.Equal(1, after.Value("vbrick_webcast_lifecycle_stage", ("stage", "summarised")));
        AssertMatchesReport(after, harness.Simulator.PostEvent(SmallEventId).Sessions(0), buffering: true);
    }

    [Fact]
    public async Task PreProductionRunThenMainEvent_BothObservedLive_MainSummarisedOnlyAfterItEnds()
    {
        var main = LiveEvent(SmallEventId, 400, seed: 13);
        main.StartsAt = ExporterHarness.Epoch + TimeSpan.FromMinutes(40);
        main.Duration = TimeSpan.FromMinutes(10);
        main.PreProduction = new PreProductionRun(Before: TimeSpan.FromMinutes(35), Duration: TimeSpan.FromMinutes(15));
        var options = new RevSimulatorOptions { RealtimeRequestsPerMinute = 60, Events = [main] };
        var settings = new Dictionary<string, string?>(FastLimits) { ["PostEvent:SettleDelay"] = "00:01:00" };
        await using var harness = await ExporterHarness.StartAsync(options, settings);

        // Pre-production broadcasts from +5 to +20 min, then reads Completed (pre-production) until +30.
        await harness.RunForAsync(TimeSpan.FromMinutes(15));
        var dryRun = harness.Scrape();
        await harness.RunForAsync(TimeSpan.FromMinutes(10));
        var between = harness.Scrape();
        await harness.RunForAsync(TimeSpan.FromMinutes(10));

        // The dry run's audience was live, and said so; once it gave way, its "now" series went with it.
        Assert.NotNull(dryRun.Value("vbrick_webcast_figures_timestamp_seconds"));
        Assert.Equal(1, dryRun.Value("vbrick_webcast_realtime_run"));
        Assert.Equal(0, between.Value("vbrick_webcast_realtime_run"));
        Assert.Null(between.Value("vbrick_webcast_figures_timestamp_seconds"));
        Assert.Empty(between.Series("vbrick_webcast_zone_attendees"));
        Assert.Null(between.Value("vbrick_webcast_post_event_sessions_total"));
        Assert.Equal(0, between.Value("vbrick_webcast_lifecycle_stage", ("stage", "ended")) ?? 0);

        await harness.RunForAsync(TimeSpan.FromMinutes(10));
        var live = harness.Scrape();
        Assert.True(live.Series("vbrick_webcast_attendees", ("status", "online")).Sum(s => s.Value) > 0, "the main event was never read live");

        await harness.RunForAsync(TimeSpan.FromMinutes(15));
        var summary = harness.Scrape();
        var runs = harness.Simulator.Stats.RealtimeRuns;
        var epoch = ExporterHarness.Epoch;
        Assert.Contains(runs, r => r.Run == 1 && r.At >= epoch + TimeSpan.FromMinutes(5) && r.At < epoch + TimeSpan.FromMinutes(21));
        Assert.DoesNotContain(runs, r => r.Run == 1 && r.At >= epoch + TimeSpan.FromMinutes(21));
        Assert.Contains(runs, r => r.Run == 0 && r.At >= epoch + TimeSpan.FromMinutes(40) && r.At < epoch + TimeSpan.FromMinutes(50));
        Assert.Equal(1, summary.Value("vbrick_webcast_lifecycle_stage", ("stage", "summarised")));
        Assert.Single(summary.Series("vbrick_webcast_post_event_info", ("run", "main")));
        AssertMatchesReport(summary, harness.Simulator.PostEvent(SmallEventId).Sessions(0), buffering: true);
    }

    [Fact]
    public async Task PollWithAHundredThousandAnswers_PublishesTheCap_AndCountsTheRest()
    {
        var options = EndingEvent(viewers: 300, endsAfter: TimeSpan.FromMinutes(1));
        options.Events[0].HugePollAnswers = 100_000;
        var settings = new Dictionary<string, string?>(FastLimits) { ["PostEvent:SettleDelay"] = "00:00:30" };
        await using var harness = await ExporterHarness.StartAsync(options, settings);

        await harness.RunForAsync(TimeSpan.FromMinutes(5));

        var scrape = harness.Scrape();
        Assert.Equal(50, scrape.Series("vbrick_webcast_poll_votes_total", ("question", "Pick a number")).Count());
        Assert.Equal(100_000 - 50, scrape.Value("vbrick_webcast_post_event_dropped_total", ("item", "poll_answer")));
        Assert.Equal(0, scrape.Value("vbrick_webcast_post_event_dropped_total", ("item", "poll")));
        Assert.Equal(4, scrape.Series("vbrick_webcast_poll_multiple_answers").Count());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task TwoThousandComments_AllCounted_AsABareArrayHonouringSizeOrAsPages(bool commentsPaged)
    {
        // Vbrick's spec: the log is a bare array of at most `size` comments (10,000 by default),
        // with no scrollId; asking a smaller size would silently cut a town hall's chat.
        var options = EndingEvent(viewers: 300, endsAfter: TimeSpan.FromMinutes(1));
        options.Events[0].CommentCount = 2_000;
        options.Dialect = options.Dialect with { Comments = commentsPaged ? CommentsShape.Paged : CommentsShape.BareArray };
        var settings = new Dictionary<string, string?>(FastLimits) { ["PostEvent:SettleDelay"] = "00:00:30" };
        await using var harness = await ExporterHarness.StartAsync(options, settings);

        await harness.RunForAsync(TimeSpan.FromMinutes(8));

        var scrape = harness.Scrape();
        var comments = harness.Simulator.PostEvent(SmallEventId).Comments();
        Assert.Equal(2_000, comments.Count);
        Assert.Equal(2_000, scrape.Value("vbrick_webcast_comments_total"));
        Assert.Equal(comments.Select(c => c.UserId).Distinct().Count(), scrape.Value("vbrick_webcast_commenters"));
        Assert.Equal(commentsPaged ? 20 : 1, harness.Simulator.Stats.Requests(FaultTarget.Comments));
        Assert.Equal(0, scrape.Value("vbrick_webcast_comments_truncated"));
    }

    [Fact]
    public async Task TwelveThousandComments_InOneBareArrayOfRevsDefaultSize_SayTheCountMayBeShort()
    {
        // Rev's default size caps a bare array at 10,000 with no way to continue: the count is what
        // came, and a metric (not only a log line) says it may be short.
        var options = EndingEvent(viewers: 300, endsAfter: TimeSpan.FromMinutes(1));
        options.Events[0].CommentCount = 12_000;
        var settings = new Dictionary<string, string?>(FastLimits) { ["PostEvent:SettleDelay"] = "00:00:30" };
        await using var harness = await ExporterHarness.StartAsync(options, settings);

        await harness.RunForAsync(TimeSpan.FromMinutes(8));

        var scrape = harness.Scrape();
        Assert.Equal(10_000, scrape.Value("vbrick_webcast_comments_total"));
        Assert.Equal(1, scrape.Value("vbrick_webcast_comments_truncated"));
        Assert.Contains(harness.Logs.Lines, l => l.Message.Contains("comments", StringComparison.Ordinal) && l.Message.Contains("short", StringComparison.Ordinal));
    }

    [Fact]
    public async Task FiftyMegabyteCommentLog_IsCutAtTheCap_AndTheRestOfTheSummaryIsPublished()
    {
        var options = EndingEvent(viewers: 300, endsAfter: TimeSpan.FromMinutes(1));
        options.Events[0].CommentCount = 20;
        var settings = new Dictionary<string, string?>(FastLimits) { ["PostEvent:SettleDelay"] = "00:00:30", ["Rev:MaxResponseBytes"] = "1048576" };
        await using var harness = await ExporterHarness.StartAsync(options, settings);
        harness.Simulator.Faults.Add(new Fault(FaultTarget.Comments, FaultKind.HugeBody) { Size = 50L * 1024 * 1024 });

        await harness.RunForAsync(TimeSpan.FromMinutes(5));

        var scrape = harness.Scrape();
        Assert.Equal(1, scrape.Value("vbrick_webcast_lifecycle_stage", ("stage", "summarised")));
        Assert.Equal(1, scrape.Value("vbrick_webcast_post_event_dropped_total", ("item", "comment_log")));
        Assert.Equal(0, scrape.Value("vbrick_webcast_post_event_dropped_total", ("item", "poll_results")));
        Assert.Empty(scrape.Series("vbrick_webcast_comments_total"));
        Assert.Equal(1, scrape.Value("vbrick_webcast_request_failures_total", ("reason", "too_large")));
        Assert.Equal(1, harness.Simulator.Stats.Requests(FaultTarget.Comments));
        Assert.NotEmpty(scrape.Series("vbrick_webcast_poll_votes_total"));

        // That the reader stops just past the cap (and never buffers the rest) is pinned by
        // ResponseSizeLimitTests, where the bytes read can be counted exactly.
        Assert.DoesNotContain(harness.Logs.AllText(Microsoft.Extensions.Logging.LogLevel.Information), "xxxxxxxxxx", StringComparison.Ordinal);
    }

    [Fact]
    public async Task OversizedPollResults_AreLeftOut_CommentsStillCounted()
    {
        var options = EndingEvent(viewers: 300, endsAfter: TimeSpan.FromMinutes(1));
        options.Events[0].CommentCount = 20;
        var settings = new Dictionary<string, string?>(FastLimits) { ["PostEvent:SettleDelay"] = "00:00:30", ["Rev:MaxResponseBytes"] = "1048576" };
        await using var harness = await ExporterHarness.StartAsync(options, settings);
        harness.Simulator.Faults.Add(new Fault(FaultTarget.PollResults, FaultKind.HugeBody) { Size = 4L * 1024 * 1024 });

        await harness.RunForAsync(TimeSpan.FromMinutes(5));

        var scrape = harness.Scrape();
        Assert.Equal(1, scrape.Value("vbrick_webcast_post_event_dropped_total", ("item", "poll_results")));
        Assert.Equal(0, scrape.Value("vbrick_webcast_post_event_dropped_total", ("item", "comment_log")));
        Assert.Empty(scrape.Series("vbrick_webcast_poll_votes_total"));
        Assert.Equal(20, scrape.Value("vbrick_webcast_comments_total"));
        Assert.Equal(1, harness.Simulator.Stats.Requests(FaultTarget.PollResults));
    }

    [Theory]
    [InlineData(FaultTarget.PostEventReport, FaultKind.MalformedJson)]
    [InlineData(FaultTarget.PostEventReport, FaultKind.TruncatedJson)]
    [InlineData(FaultTarget.PostEventReport, FaultKind.ErrorDescription)]
    [InlineData(FaultTarget.PollResults, FaultKind.HtmlBody)]
    public async Task BadPostEventPayload_IsCountedAndRetriedWithBackoffUntilItSucceeds(FaultTarget target, FaultKind kind)
    {
        var options = EndingEvent(viewers: 300, endsAfter: TimeSpan.FromMinutes(1));
        var settings = new Dictionary<string, string?>(FastLimits) { ["PostEvent:SettleDelay"] = "00:00:30" };
        await using var harness = await ExporterHarness.StartAsync(options, settings);
        harness.Simulator.Faults.Add(new Fault(target, kind) { Times = 2 });

        await harness.RunForAsync(TimeSpan.FromMinutes(3));
        var failing = harness.Scrape();
        await harness.RunForAsync(TimeSpan.FromMinutes(5));
        var recovered = harness.Scrape();

        Assert.Null(failing.Value("vbrick_webcast_post_event_sessions_total"));
        Assert.True(failing.Value("vbrick_webcast_request_failures_total") >= 1);
        Assert.Equal(0, failing.Value("vbrick_webcast_up"));
        AssertMatchesReport(recovered, harness.Simulator.PostEvent(SmallEventId).Sessions(0), buffering: true);
        Assert.Equal(1, recovered.Value("vbrick_webcast_up"));
        Assert.Equal(0, harness.Simulator.Faults.Pending);
    }

    [Fact]
    public async Task TransientConnectionResets_AreAbsorbedByThePipelinesRetries()
    {
        var options = EndingEvent(viewers: 300, endsAfter: TimeSpan.FromMinutes(1));
        var settings = new Dictionary<string, string?>(FastLimits) { ["PostEvent:SettleDelay"] = "00:00:30" };
        await using var harness = await ExporterHarness.StartAsync(options, settings);
        harness.Simulator.Faults.Add(new Fault(FaultTarget.Comments, FaultKind.ResetConnection) { Times = 2 });

        await harness.RunForAsync(TimeSpan.FromMinutes(3));

        var scrape = harness.Scrape();
        Assert.Equal(2, scrape.Value("vbrick_exporter_rev_retries_total", ("endpoint", "comments")));
        Assert.Equal(2, scrape.Value("vbrick_exporter_rev_requests_total", ("endpoint", "comments"), ("code", "network")));
        Assert.Null(scrape.Value("vbrick_webcast_request_failures_total"));
        Assert.Equal(harness.Simulator.PostEvent(SmallEventId).Comments().Count, scrape.Value("vbrick_webcast_comments_total"));
    }

    [Fact]
    public async Task RevResilienceSettings_BindToTheStandardPipeline_ConfiguredRetryCountIsUsed()
    {
        // Two resets in a row: the default pipeline (3 retries) absorbs them (test above); with one
        // retry configured, the first request and its one retry both fail and the fetch is retried later.
        var options = EndingEvent(viewers: 300, endsAfter: TimeSpan.FromMinutes(1));
        var settings = new Dictionary<string, string?>(FastLimits)
        {
            ["PostEvent:SettleDelay"] = "00:00:30",
            ["Rev:Resilience:Retry:MaxRetryAttempts"] = "1",
        };
        await using var harness = await ExporterHarness.StartAsync(options, settings);
        harness.Simulator.Faults.Add(new Fault(FaultTarget.Comments, FaultKind.ResetConnection) { Times = 2 });

        await harness.RunForAsync(TimeSpan.FromMinutes(6));

        var scrape = harness.Scrape();
        Assert.Equal(1, scrape.Value("vbrick_exporter_rev_retries_total", ("endpoint", "comments")));
        Assert.Equal(2, scrape.Value("vbrick_exporter_rev_requests_total", ("endpoint", "comments"), ("code", "network")));
        Assert.Equal(1, scrape.Value("vbrick_webcast_request_failures_total", ("reason", "network")));
        Assert.Equal(harness.Simulator.PostEvent(SmallEventId).Comments().Count, scrape.Value("vbrick_webcast_comments_total"));
    }

    [Fact]
    public async Task PoisonedDurationInAReport_IsCounted_AndTheOtherLiveEventKeepsItsCadence()
    {
        // 2,100 viewers: sessions 1002 and 1999 carry "P999999999Y" and "n/a" as viewing time.
        var ending = LiveEvent(SmallEventId, 2_100, seed: 12);
        ending.Duration = ExporterHarness.Epoch - ending.StartsAt + TimeSpan.FromMinutes(1);
        var live = LiveEvent(LargeEventId, 300, seed: 13);
        var options = new RevSimulatorOptions { RealtimeRequestsPerMinute = 2, Events = [ending, live] };
        await using var harness = await ExporterHarness.StartAsync(options, new Dictionary<string, string?> { ["PostEvent:SettleDelay"] = "00:00:30" });
        var sessions = harness.Simulator.PostEvent(SmallEventId).Sessions(0);
        Assert.Contains(sessions, s => s.ViewingText == "P999999999Y");

        await harness.RunForAsync(TimeSpan.FromMinutes(12));

        var scrape = harness.Scrape();
        Assert.Equal(1, scrape.Value("vbrick_webcast_lifecycle_stage", ("event_id", SmallEventId), ("stage", "summarised")));
        Assert.Equal(sessions.Count(s => s.ViewingUnparsable), scrape.Value("vbrick_webcast_post_event_unparsable_durations_total", ("event_id", SmallEventId), ("field", "viewing_time")));
        Assert.Equal(0, scrape.Value("vbrick_exporter_loop_failures_total"));
        var times = harness.Simulator.Stats.RealtimeRequestTimes.Where(t => t >= ExporterHarness.Epoch + TimeSpan.FromMinutes(2)).ToList();
        Assert.True(times.Zip(times.Skip(1), (a, b) => b - a).Max() <= TimeSpan.FromSeconds(31), "the live event lost its cadence");
    }

    [Fact]
    public async Task Discovery_WatchesLiveAndStartingEventsAndStopsWhenTheyEnd()
    {
        var live = LiveEvent(SmallEventId, 200, seed: 1);
        live.Duration = TimeSpan.FromMinutes(40);
        var starting = LiveEvent(LargeEventId, 200, seed: 2);
        starting.StartsAt = ExporterHarness.Epoch + TimeSpan.FromMinutes(10);
        var later = LiveEvent(ThirdEventId, 200, seed: 4);
        later.StartsAt = ExporterHarness.Epoch + TimeSpan.FromMinutes(100);
        var excluded = LiveEvent("44444444-4444-4444-8444-444444444444", 200, seed: 5);

        // A tenant with the fast limits the exporter is given: no 429 decides what "up" reads.
        var options = new RevSimulatorOptions { RealtimeRequestsPerMinute = null, Events = [live, starting, later, excluded] };
        var settings = new Dictionary<string, string?>(FastLimits)
        {
            ["Events:Ids:0"] = null, ["Events:Ids:1"] = null, ["Events:Ids:2"] = null, ["Events:Ids:3"] = null,
            ["Events:Discover"] = "true",
            ["Events:Exclude:0"] = excluded.Id,
            ["PostEvent:Retention"] = "00:30:00",
        };
        await using var harness = await ExporterHarness.StartAsync(options, settings);

        await harness.RunForAsync(TimeSpan.FromMinutes(2));
        var early = harness.Scrape();
        await harness.RunForAsync(TimeSpan.FromMinutes(20));
        var afterFirstEnded = harness.Scrape();
        await harness.RunForAsync(TimeSpan.FromMinutes(90));
        var laterOn = harness.Scrape();

        Assert.Equal(2, early.Value("vbrick_exporter_watched_events", ("source", "discovered")));
        Assert.Equal(1, early.Value("vbrick_webcast_up", ("event_id", SmallEventId)));
        Assert.Null(early.Value("vbrick_webcast_up", ("event_id", excluded.Id)));
        Assert.Equal(1, early.Value("vbrick_webcast_lifecycle_stage", ("event_id", LargeEventId), ("stage", "starting")));
        Assert.Equal(1, afterFirstEnded.Value("vbrick_webcast_lifecycle_stage", ("event_id", SmallEventId), ("stage", "summarised")));
        Assert.Equal(1, afterFirstEnded.Value("vbrick_webcast_lifecycle_stage", ("event_id", LargeEventId), ("stage", "live")));
        Assert.Empty(laterOn.Series("vbrick_webcast_lifecycle_stage", ("event_id", SmallEventId)));
        Assert.Null(early.Value("vbrick_webcast_lifecycle_stage", ("event_id", ThirdEventId)));
        Assert.Equal(1, laterOn.Value("vbrick_webcast_lifecycle_stage", ("event_id", ThirdEventId), ("stage", "live")));
        Assert.True(laterOn.Value("vbrick_exporter_discovery_runs_total", ("outcome", "success")) >= 100);
        Assert.DoesNotContain(excluded.Id, laterOn.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Discovery_OfMoreEventsThanTheCap_WatchesTheCapAndCountsTheRest()
    {
        var many = Enumerable.Range(0, 12).Select(i => LiveEvent($"00000000-0000-4000-8000-{i:D12}", 50, seed: i + 1)).ToList();
        var settings = new Dictionary<string, string?>(FastLimits)
        {
            ["Events:Discover"] = "true",
            ["Events:MaxDiscovered"] = "5",
        };

        // The harness configures every simulated event by id: none here, all must be discovered.
        foreach (var i in Enumerable.Range(0, many.Count))
        {
            settings[$"Events:Ids:{i}"] = null;
        }
        await using var harness = await ExporterHarness.StartAsync(new RevSimulatorOptions { Events = many }, settings);

        await harness.RunForAsync(TimeSpan.FromMinutes(3));

        var scrape = harness.Scrape();
        Assert.Equal(5, scrape.Value("vbrick_exporter_watched_events", ("source", "discovered")));
        Assert.True(scrape.Value("vbrick_exporter_discovered_events_dropped_total") >= 7);
        Assert.Equal(5, scrape.Series("vbrick_webcast_up").Count());
    }

    private static void AssertMatchesReport(Scrape scrape, IReadOnlyList<ReportSession> sessions, bool buffering)
    {
        Assert.True(sessions.Count > 0);
        var groups = sessions.GroupBy(s => (Zone: s.Viewer.Zone ?? "unknown", s.Viewer.Browser, s.DeviceType, s.Viewer.StreamAccessed));
        foreach (var group in groups)
        {
            (string, string)[] labels = [("run", "main"), ("zone", group.Key.Zone), ("browser", group.Key.Browser), ("device_type", group.Key.DeviceType), ("stream_accessed", group.Key.StreamAccessed)];
            Assert.Equal(group.Count(), scrape.Value("vbrick_webcast_post_event_sessions_total", labels));
            Assert.Equal(group.Select(s => s.Viewer.Username).Distinct().Count(), scrape.Value("vbrick_webcast_post_event_viewers_total", labels));
            Assert.Equal(group.Where(s => !s.ViewingUnparsable).Sum(s => s.ViewingSeconds), scrape.Value("vbrick_webcast_post_event_viewing_seconds_total", labels) ?? 0, 3);
            Assert.Equal(group.Sum(s => s.SessionSeconds), scrape.Value("vbrick_webcast_post_event_session_seconds_total", labels)!.Value, 3);
            Assert.Equal(group.Sum(s => s.Viewer.Errors), scrape.Value("vbrick_webcast_post_event_experienced_errors_total", labels));
            Assert.Equal(group.Sum(s => s.Viewer.MulticastFailovers), scrape.Value("vbrick_webcast_post_event_multicast_errors_total", labels));
            if (buffering)
            {
                Assert.Equal(group.Sum(s => s.Viewer.BufferingCount), scrape.Value("vbrick_webcast_post_event_buffer_events_total", labels));
                Assert.Equal(group.Sum(s => s.RebufferEvents), scrape.Value("vbrick_webcast_post_event_rebuffer_events_total", labels));
                Assert.Equal(group.Sum(s => s.Viewer.BufferingSeconds), scrape.Value("vbrick_webcast_post_event_rebuffer_seconds_total", labels)!.Value, 3);
            }
        }

        Assert.Equal(sessions.Count(s => !s.ViewingUnparsable), scrape.Value("vbrick_webcast_post_event_viewing_duration_seconds_count", ("run", "main")));
        Assert.Equal(sessions.Count(s => s.ViewingUnparsable), scrape.Value("vbrick_webcast_post_event_unparsable_durations_total", ("run", "main"), ("field", "viewing_time")));
        Assert.Equal(sessions.Count, scrape.Value("vbrick_webcast_post_event_sessions_total", ("run", "main")));
    }

    private static void AssertPollsAndComments(Scrape scrape, PostEventModel model)
    {
        var polls = model.Polls();
        var first = polls[0];
        Assert.Equal(first.TotalResponses, scrape.Value("vbrick_webcast_poll_responses_total", ("question", first.Question)));
        Assert.Equal(first.TotalNoResponses, scrape.Value("vbrick_webcast_poll_no_responses_total", ("question", first.Question)));
        foreach (var (answer, votes) in first.Answers)
        {
            Assert.Equal(votes, scrape.Value("vbrick_webcast_poll_votes_total", ("question", first.Question), ("answer", answer)));
        }

        Assert.Equal(1, scrape.Value("vbrick_webcast_poll_multiple_answers", ("question", polls[1].Question)));
        var longQuestion = Assert.Single(scrape.Series("vbrick_webcast_poll_responses_total"), s => s.Labels["question"].StartsWith("Thinking about", StringComparison.Ordinal));
        Assert.Equal(100, longQuestion.Labels["question"].Length);
        Assert.Equal(model.Comments().Count, scrape.Value("vbrick_webcast_comments_total"));
        Assert.Equal(model.Comments().Select(c => c.UserId).Distinct().Count(), scrape.Value("vbrick_webcast_commenters"));
        Assert.DoesNotContain("Comment 1 from", scrape.Text, StringComparison.Ordinal);
    }
}
