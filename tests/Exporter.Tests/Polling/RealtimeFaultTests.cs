using Vbrick.Exporter.Polling;
using Vbrick.Exporter.Tests.Support;
using Vbrick.Rev.Simulator;
using Vbrick.Rev.Simulator.Faults;
using static Vbrick.Exporter.Tests.Support.SimulatorScenarios;

namespace Vbrick.Exporter.Tests.Polling;

/// <summary>Each fault: no crash, the last complete breakdown kept, the failure visible, recovery on the next good poll.</summary>
public sealed class RealtimeFaultTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ScrollExpiresMidSweep_SweepRestartsCleanlyAndCompletes(bool asErrorBody)
    {
        var options = OneEvent(1_700);
        options.Dialect = options.Dialect with { ExpiredScroll = asErrorBody ? ExpiredScroll.ErrorBody : ExpiredScroll.Http400 };
        await using var harness = await ExporterHarness.StartAsync(options);
        harness.Simulator.Faults.Add(new Fault(FaultTarget.RealtimeAttendees, FaultKind.ExpireScroll) { OnlyContinuation = true });

        await harness.RunUntilSweepsAsync(SmallEventId, 1, TimeSpan.FromMinutes(5));

        var scrape = harness.Scrape();
        Assert.Equal(1, scrape.Value("vbrick_webcast_sweeps_total", ("outcome", "scroll_restart")));
        Assert.Equal(1.0, scrape.Value("vbrick_webcast_sweep_coverage_ratio"));
        Assert.Equal(1, scrape.Value("vbrick_webcast_up"));
        Assert.Null(scrape.Value("vbrick_webcast_request_failures_total"));
    }

    [Theory]
    [InlineData(FaultKind.TruncatedJson, "malformed")]
    [InlineData(FaultKind.MalformedJson, "malformed")]
    [InlineData(FaultKind.HtmlBody, "malformed")]
    [InlineData(FaultKind.EmptyBody, "malformed")]
    [InlineData(FaultKind.ResetConnection, "network")]
    public async Task PageFailsMidScroll_KeepsThePreviousBreakdownAndRecovers(FaultKind kind, string reason)
    {
        await using var harness = await ExporterHarness.StartAsync(OneEvent(1_700));
        await harness.RunUntilSweepsAsync(SmallEventId, 1, TimeSpan.FromMinutes(5));
        var before = harness.Scrape();
        harness.Simulator.Faults.Add(new Fault(FaultTarget.RealtimeAttendees, kind) { OnlyContinuation = true });

        await harness.RunForAsync(TimeSpan.FromSeconds(60));
        var during = harness.Scrape();
        await harness.RunUntilSweepsAsync(SmallEventId, 2, TimeSpan.FromMinutes(5));
        var after = harness.Scrape();

        Assert.Equal(0, during.Value("vbrick_webcast_up"));
        Assert.Equal(1, during.Value("vbrick_webcast_request_failures_total", ("reason", reason)));
        Assert.Equal(1, during.Value("vbrick_webcast_sweeps_total", ("outcome", "failed")));
        Assert.Equal(before.Value("vbrick_webcast_attendees"), during.Value("vbrick_webcast_attendees"));
        Assert.Equal(before.Value("vbrick_webcast_sweep_timestamp_seconds"), during.Value("vbrick_webcast_sweep_timestamp_seconds"));
        Assert.Equal(1, after.Value("vbrick_webcast_up"));
        Assert.True(after.Value("vbrick_webcast_sweep_timestamp_seconds") > before.Value("vbrick_webcast_sweep_timestamp_seconds"));
    }

    [Theory]
    [InlineData(500)]
    [InlineData(503)]
    [InlineData(502)]
    public async Task ServerErrorOnARealtimeRequest_IsNotRetriedByThePipeline(int status)
    {
        await using var harness = await ExporterHarness.StartAsync(OneEvent(300));
        harness.Simulator.Faults.Add(Fault.Http(FaultTarget.RealtimeAttendees, status));

        await harness.RunForAsync(TimeSpan.FromSeconds(1));

        var scrape = harness.Scrape();
        Assert.Equal(1, harness.Simulator.Stats.Requests(FaultTarget.RealtimeAttendees));
        Assert.Equal(0, scrape.Value("vbrick_webcast_up"));
        Assert.Equal(1, scrape.Value("vbrick_webcast_request_failures_total", ("reason", "http")));
        Assert.Equal(1, scrape.Value("vbrick_exporter_rev_requests_total", ("endpoint", "realtime_attendees"), ("code", status.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        Assert.Equal(0, scrape.Value("vbrick_exporter_rev_retries_total", ("endpoint", "realtime_attendees")));
    }

    [Fact]
    public async Task ServerErrorOnAStatusCheck_IsNotRetriedInTheLoop_ButCheckedAgainAfterItsOwnBackOff()
    {
        // A retried status would hold the polling loop (and the next real-time slot) for its whole
        // back-off: a failed check waits for its own next turn instead.
        await using var harness = await ExporterHarness.StartAsync(OneEvent(300));
        harness.Simulator.Faults.Add(Fault.Http(FaultTarget.EventStatus, 503));

        await harness.PollOnceAsync();
        var failed = harness.Scrape();
        Assert.Equal(1, harness.Simulator.Stats.Requests(FaultTarget.EventStatus));
        Assert.Equal(0, failed.Value("vbrick_exporter_rev_retries_total", ("endpoint", "event_status")));
        Assert.Empty(failed.Series("vbrick_webcast_event_info"));

        await harness.RunForAsync(EventStatusChecker.StatusBackoff.After(1) - TimeSpan.FromSeconds(1));
        Assert.Equal(1, harness.Simulator.Stats.Requests(FaultTarget.EventStatus));
        await harness.RunForAsync(TimeSpan.FromSeconds(2));
        Assert.Equal(2, harness.Simulator.Stats.Requests(FaultTarget.EventStatus));
        Assert.Single(harness.Scrape().Series("vbrick_webcast_event_info"));
    }

    [Fact]
    public async Task TokenRevokedMidScroll_RenewsAndContinuesTheSameScroll()
    {
        await using var harness = await ExporterHarness.StartAsync(OneEvent(1_700));
        harness.Simulator.Faults.Add(new Fault(FaultTarget.RealtimeAttendees, FaultKind.ExpireTokens) { OnlyContinuation = true });

        await harness.RunUntilSweepsAsync(SmallEventId, 1, TimeSpan.FromMinutes(5));

        var scrape = harness.Scrape();
        Assert.Equal(2, harness.Simulator.Stats.Requests(FaultTarget.Authenticate));
        Assert.Equal(1, scrape.Value("vbrick_exporter_auth_failures_total", ("kind", "rejected")));
        Assert.Equal(2, scrape.Value("vbrick_exporter_auth_renewals_total", ("kind", "login")));
        Assert.Null(scrape.Value("vbrick_webcast_sweeps_total", ("outcome", "scroll_restart")));
        Assert.Null(scrape.Value("vbrick_webcast_sweeps_total", ("outcome", "failed")));
        Assert.Equal(1.0, scrape.Value("vbrick_webcast_sweep_coverage_ratio"));
        Assert.Equal(4, harness.Simulator.Stats.Requests(FaultTarget.RealtimeAttendees));
    }

    [Fact]
    public async Task ItemsThatAreNotAttendees_AreCountedAndSkippedWithoutSpoilingTheSweep()
    {
        await using var harness = await ExporterHarness.StartAsync(OneEvent(300));
        harness.Simulator.Faults.Add(new Fault(FaultTarget.RealtimeAttendees, FaultKind.JunkItems));

        await harness.RunUntilSweepsAsync(SmallEventId, 1, TimeSpan.FromMinutes(2));

        var scrape = harness.Scrape();
        Assert.Equal(3, scrape.Value("vbrick_webcast_invalid_records_total", ("reason", "not_an_object")));
        Assert.Equal(1.0, scrape.Value("vbrick_webcast_sweep_coverage_ratio"));
        Assert.Equal(1, scrape.Value("vbrick_webcast_up"));
    }

    [Fact]
    public async Task RepeatedPage_EndsTheSweepInsteadOfCountingSessionsTwice()
    {
        await using var harness = await ExporterHarness.StartAsync(OneEvent(1_700));
        harness.Simulator.Faults.Add(new Fault(FaultTarget.RealtimeAttendees, FaultKind.RepeatPage) { OnlyContinuation = true });

        await harness.RunUntilSweepsAsync(SmallEventId, 1, TimeSpan.FromMinutes(5));

        var scrape = harness.Scrape();
        Assert.Equal(1, scrape.Value("vbrick_webcast_sweeps_total", ("outcome", "repeated_page")));
        Assert.Equal(
            harness.Simulator.Audience(SmallEventId).FiguresAt(ExporterHarness.Epoch).Total > 0 ? 1.0 : 0,
            scrape.Value("vbrick_webcast_sweep_coverage_ratio"));
    }

    [Fact]
    public async Task InitiatedAggregationWithZeroCounts_PublishesNoFigures_TheNextActivePageDoes()
    {
        await using var harness = await ExporterHarness.StartAsync(OneEvent(300));
        harness.Simulator.Faults.Add(new Fault(FaultTarget.RealtimeAttendees, FaultKind.InitiatedEmpty));

        await harness.RunForAsync(TimeSpan.FromSeconds(1));
        var initiated = harness.Scrape();
        await harness.RunForAsync(TimeSpan.FromSeconds(30));
        var active = harness.Scrape();

        Assert.Null(initiated.Value("vbrick_webcast_audience", ("role", "attendee")));
        Assert.Null(initiated.Value("vbrick_webcast_figures_timestamp_seconds"));
        Assert.True(active.Value("vbrick_webcast_audience", ("role", "attendee")) > 0);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ContinuationPages_NeverRepublishTheFiguresAsFresh(bool freshFiguresOnEveryPage)
    {
        // Rev does not say whether a continuation's figures are the scroll's snapshot or new: only a
        // first page's are published, stamped when it was read, whichever the tenant does.
        var options = OneEvent(1_300);
        options.Dialect = options.Dialect with { ContinuationFigures = freshFiguresOnEveryPage ? ContinuationFigures.Fresh : ContinuationFigures.ScrollSnapshot };
        await using var harness = await ExporterHarness.StartAsync(options);
        await harness.RunUntilSweepsAsync(SmallEventId, 1, TimeSpan.FromMinutes(3));

        var scrape = harness.Scrape();
        var started = scrape.Value("vbrick_webcast_sweep_timestamp_seconds")!.Value - scrape.Value("vbrick_webcast_sweep_duration_seconds")!.Value;
        Assert.True(scrape.Value("vbrick_webcast_sweep_duration_seconds") >= 30, "a sweep of several pages at 2 a minute");
        Assert.Equal(started, scrape.Value("vbrick_webcast_figures_timestamp_seconds")!.Value, 3);
    }

    [Fact]
    public async Task IntegerEventRatios_AsVbricksSpecTypesThem_AreReadAsNumbers()
    {
        var options = OneEvent(300, limitPerMinute: 60);
        options.Dialect = options.Dialect with { EventRatios = EventRatios.WholeNumbers };
        await using var harness = await ExporterHarness.StartAsync(options);

        await harness.RunForAsync(TimeSpan.FromMinutes(2));

        var scrape = harness.Scrape();
        Assert.Equal(1, scrape.Value("vbrick_webcast_up"));
        foreach (var name in new[] { "vbrick_webcast_errors_per_attendee", "vbrick_webcast_multicast_errors_per_attendee", "vbrick_webcast_rebuffer_duration_average_seconds" })
        {
            var value = scrape.Value(name)!.Value;
            Assert.Equal(Math.Round(value), value);
        }
    }

    [Fact]
    public async Task InitiatedAggregation_UpdatesOnlyTheCountsAndStartsNoSweep()
    {
        await using var harness = await ExporterHarness.StartAsync(OneEvent(300));
        harness.Simulator.Faults.Add(new Fault(FaultTarget.RealtimeAttendees, FaultKind.Initiated));

        await harness.RunForAsync(TimeSpan.FromSeconds(1));
        var initiated = harness.Scrape();
        await harness.RunForAsync(TimeSpan.FromSeconds(30));
        var active = harness.Scrape();

        Assert.NotNull(initiated.Value("vbrick_webcast_audience", ("role", "attendee")));
        Assert.Null(initiated.Value("vbrick_webcast_rebuffering_ratio"));
        Assert.Null(initiated.Value("vbrick_webcast_attendees"));
        Assert.Null(initiated.Value("vbrick_webcast_sweeps_total"));
        Assert.Equal(1, initiated.Value("vbrick_webcast_up"));
        Assert.Equal(1, active.Value("vbrick_webcast_sweeps_total", ("outcome", "completed")));
        Assert.NotNull(active.Value("vbrick_webcast_rebuffering_ratio"));
    }

    [Fact]
    public async Task EventDeletedWhileWatched_StopsLivePollingAndSaysSo()
    {
        await using var harness = await ExporterHarness.StartAsync(OneEvent(300));
        await harness.RunForAsync(TimeSpan.FromSeconds(31));
        harness.Simulator.Audience(SmallEventId).Event.StatusOverride = "Deleted";

        // A 404 is taken as a deletion once it has lasted Polling:NotFoundGrace (3 minutes) over two checks.
        await harness.RunForAsync(TimeSpan.FromMinutes(5));
        var requests = harness.Simulator.Stats.Requests(FaultTarget.RealtimeAttendees);
        await harness.RunForAsync(TimeSpan.FromMinutes(10));

        var scrape = harness.Scrape();
        Assert.Equal(requests, harness.Simulator.Stats.Requests(FaultTarget.RealtimeAttendees));
        Assert.Equal(0, scrape.Value("vbrick_webcast_up"));
        Assert.Single(scrape.Series("vbrick_webcast_event_info", ("status", "Deleted")));
        Assert.Equal(1, scrape.Value("vbrick_webcast_lifecycle_stage", ("stage", "ended")));
        Assert.Null(scrape.Value("vbrick_webcast_attendees"));
        Assert.Null(scrape.Value("vbrick_webcast_audience"));
        Assert.NotNull(scrape.Value("vbrick_webcast_buffering_events_total"));
        Assert.Null(scrape.Value("vbrick_exporter_rev_requests_total", ("endpoint", "post_event_report")));
    }

    [Fact]
    public async Task SlowResponse_TimesOutWithinTheConfiguredBoundAndRecovers()
    {
        await using var harness = await ExporterHarness.StartAsync(OneEvent(300), new Dictionary<string, string?> { ["Rev:RequestTimeout"] = "00:00:05" });
        await harness.RunForAsync(TimeSpan.FromSeconds(1));
        harness.Simulator.Faults.Add(new Fault(FaultTarget.RealtimeAttendees, FaultKind.Delay) { Delay = TimeSpan.FromMinutes(10) });
        harness.Time.Advance(TimeSpan.FromSeconds(30));

        var sent = harness.Time.GetUtcNow();
        await harness.PollOnceAsync();
        var timedOut = harness.Scrape();
        var cutOffAfter = harness.Time.GetUtcNow() - sent;
        await harness.RunForAsync(TimeSpan.FromSeconds(40));

        // The driver moves the clock only to the next due timer: the deadline fired at exactly 5 s.
        Assert.Equal(TimeSpan.FromSeconds(5), cutOffAfter);
        Assert.Equal(1, timedOut.Value("vbrick_webcast_request_failures_total", ("reason", "timeout")));
        Assert.Equal(0, timedOut.Value("vbrick_webcast_up"));
        Assert.Equal(1, harness.Scrape().Value("vbrick_webcast_up"));
    }

    [Fact]
    public async Task BodyStallsAfterHeaders_RequestFailsWithinItsDeadline_OtherEventsKeepTheirCadence()
    {
        var options = new RevSimulatorOptions { RealtimeRequestsPerMinute = 2, Events = [LiveEvent(SmallEventId, 300, seed: 1), LiveEvent(LargeEventId, 300, seed: 2)] };
        await using var harness = await ExporterHarness.StartAsync(options, new Dictionary<string, string?> { ["Rev:RequestTimeout"] = "00:00:05" });
        await harness.RunForAsync(TimeSpan.FromMinutes(2));
        var before = harness.Scrape();
        var stalledFrom = harness.Time.GetUtcNow();

        // Headers and the start of a body, then an hour of silence: a half-open connection.
        harness.Simulator.Faults.Add(new Fault(FaultTarget.RealtimeAttendees, FaultKind.StallBody) { Delay = TimeSpan.FromHours(1) });
        await harness.RunForAsync(TimeSpan.FromMinutes(5));

        var after = harness.Scrape();
        Assert.Equal(0, harness.Simulator.Faults.Pending);
        Assert.Equal(1, after.Series("vbrick_webcast_request_failures_total", ("reason", "timeout")).Sum(s => s.Value));
        var times = harness.Simulator.Stats.RealtimeRequestTimes.Where(t => t >= stalledFrom).ToList();
        var longestGap = times.Zip(times.Skip(1), (a, b) => b - a).Max();
        Assert.True(longestGap <= TimeSpan.FromSeconds(36), $"polling paused {longestGap} around the stalled body");
        foreach (var id in new[] { SmallEventId, LargeEventId })
        {
            Assert.True(after.Value("vbrick_webcast_sweeps_total", ("event_id", id), ("outcome", "completed")) - before.Value("vbrick_webcast_sweeps_total", ("event_id", id), ("outcome", "completed")) >= 3, $"{id}: {before.Value("vbrick_webcast_sweeps_total", ("event_id", id), ("outcome", "completed"))} -> {after.Value("vbrick_webcast_sweeps_total", ("event_id", id), ("outcome", "completed"))} times {string.Join(",", times.Select(t => (t - stalledFrom).TotalSeconds))}");
            Assert.Equal(1, after.Value("vbrick_webcast_up", ("event_id", id)));
        }
    }

    [Fact]
    public async Task HugeStatusWithControlCharacters_ReachesTheLabelAndTheLogsCleaned()
    {
        await using var harness = await ExporterHarness.StartAsync(OneEvent(100));
        var simulated = harness.Simulator.Audience(SmallEventId).Event;
        simulated.StatusOverride = "Scheduled\r\nlater\a" + new string('x', 100_000);

        // Past its endDate, the event is ended by date once that lasts Polling:EndGrace (10 minutes),
        // and those log lines quote the status.
        simulated.ScheduledDuration = TimeSpan.FromMinutes(20);

        await harness.RunForAsync(TimeSpan.FromMinutes(11));

        var status = Assert.Single(harness.Scrape().Series("vbrick_webcast_event_info")).Labels["status"];
        Assert.InRange(status.Length, 1, 100);
        Assert.DoesNotContain(status, c => char.IsControl(c));
        var logs = harness.Logs.AllText(Microsoft.Extensions.Logging.LogLevel.Information);
        Assert.Contains("Scheduled", logs, StringComparison.Ordinal);
        Assert.DoesNotContain('\a', logs);
        Assert.DoesNotContain("xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", logs, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FailingStatusChecks_AreCounted_ButUpFollowsTheWorkingRealtimeRequests()
    {
        await using var harness = await ExporterHarness.StartAsync(OneEvent(300));
        await harness.RunForAsync(TimeSpan.FromMinutes(1));
        // 400 is not transient: each failing check costs one request, no retries and back-offs.
        harness.Simulator.Faults.Add(Fault.Http(FaultTarget.EventStatus, 400, times: 40));

        await harness.RunForAsync(TimeSpan.FromMinutes(5));

        var scrape = harness.Scrape();
        Assert.True(scrape.Value("vbrick_webcast_request_failures_total", ("reason", "http")) >= 2);
        Assert.Equal(1, scrape.Value("vbrick_webcast_up"));
    }
}
