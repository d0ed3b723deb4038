using Vbrick.Exporter.Tests.Support;
using Vbrick.Rev.Simulator;
using Vbrick.Rev.Simulator.Faults;
using static Vbrick.Exporter.Tests.Support.SimulatorScenarios;

namespace Vbrick.Exporter.Tests.Polling;

/// <summary>
/// The end of a webcast, as a real tenant shows it: an overrunning town hall whose encoder hiccups
/// past its scheduled end keeps its live monitoring; an end that Rev contradicts before the summary
/// is undone; a passing 404 on the status is not a deletion. Each failed before
/// <c>Polling:EndGrace</c> and <c>Polling:NotFoundGrace</c>.
/// </summary>
public sealed class EndDetectionTests
{
    [Fact]
    public async Task OverrunningTownHall_WhoseEncoderHiccupsPastItsEndDate_StaysLive_UntilRevSaysCompleted()
    {
        // Scheduled to end 10 minutes from now, broadcasting for 30; WaitingForStream for 3 minutes
        // at minute 15 (past the end date), InProgress for 2 at minute 22.
        var simulated = LiveEvent(SmallEventId, 600, seed: 21);
        var start = ExporterHarness.Epoch - simulated.StartsAt;
        simulated.Duration = start + TimeSpan.FromMinutes(30);
        simulated.ScheduledDuration = start + TimeSpan.FromMinutes(10);
        simulated.StatusPauses =
        [
            new StatusPause(start + TimeSpan.FromMinutes(15), start + TimeSpan.FromMinutes(18), "WaitingForStream"),
            new StatusPause(start + TimeSpan.FromMinutes(22), start + TimeSpan.FromMinutes(24), "InProgress"),
        ];
        await using var harness = await ExporterHarness.StartAsync(RevLimits(simulated));

        await harness.RunForAsync(TimeSpan.FromMinutes(26));
        var requestsAt26 = harness.Simulator.Stats.RealtimeRequestTimesOf(SmallEventId).Count;
        await harness.RunForAsync(TimeSpan.FromMinutes(3));
        var during = harness.Scrape();
        Assert.Equal(0, during.Value("vbrick_webcast_lifecycle_stage", ("stage", "ended")) ?? 0);
        Assert.Equal(1, during.Value("vbrick_webcast_up"));
        Assert.True(harness.Simulator.Stats.RealtimeRequestTimesOf(SmallEventId).Count - requestsAt26 >= 4, "live polling must go on through the hiccups");
        Assert.NotNull(during.Value("vbrick_webcast_audience", ("role", "attendee")));

        await harness.RunForAsync(TimeSpan.FromMinutes(3));
        Assert.Equal(1, harness.Scrape().Value("vbrick_webcast_lifecycle_stage", ("stage", "ended")));
    }

    [Fact]
    public async Task EndedByItsEndDate_ThenBroadcastingAgainBeforeTheSummary_GoesBackToLive()
    {
        // Past its end date it reads InProgress for 12 minutes (longer than the 10-minute grace),
        // then broadcasts again: the exporter took it as ended, and must take it back.
        var simulated = LiveEvent(SmallEventId, 600, seed: 22);
        var start = ExporterHarness.Epoch - simulated.StartsAt;
        simulated.Duration = start + TimeSpan.FromMinutes(60);
        simulated.ScheduledDuration = start + TimeSpan.FromMinutes(5);
        simulated.StatusPauses = [new StatusPause(start + TimeSpan.FromMinutes(6), start + TimeSpan.FromMinutes(18), "InProgress")];
        var settings = new Dictionary<string, string?> { ["PostEvent:SettleDelay"] = "00:05:00" };
        await using var harness = await ExporterHarness.StartAsync(RevLimits(simulated), settings);

        await harness.RunForAsync(TimeSpan.FromMinutes(17) + TimeSpan.FromSeconds(30));
        Assert.Equal(1, harness.Scrape().Value("vbrick_webcast_lifecycle_stage", ("stage", "ended")));

        await harness.RunForAsync(TimeSpan.FromMinutes(3));
        var requests = harness.Simulator.Stats.RealtimeRequestTimesOf(SmallEventId).Count;
        await harness.RunForAsync(TimeSpan.FromMinutes(5));
        var again = harness.Scrape();
        Assert.Equal(1, again.Value("vbrick_webcast_lifecycle_stage", ("stage", "live")));
        Assert.True(harness.Simulator.Stats.RealtimeRequestTimesOf(SmallEventId).Count - requests >= 8, "live polling must resume");
        Assert.Null(again.Value("vbrick_webcast_post_event_sessions_total"));
        Assert.Contains(harness.Logs.Lines, l => l.Message.Contains("broadcasts again", StringComparison.Ordinal));
    }

    [Fact]
    public async Task APassing404OnTheStatus_IsNotADeletion()
    {
        await using var harness = await ExporterHarness.StartAsync(OneEvent(300));
        await harness.RunForAsync(TimeSpan.FromSeconds(30));
        harness.Simulator.Faults.Add(Fault.Http(FaultTarget.EventStatus, 404, times: 2));

        await harness.RunForAsync(TimeSpan.FromMinutes(10));

        var scrape = harness.Scrape();
        Assert.Equal(1, scrape.Value("vbrick_webcast_lifecycle_stage", ("stage", "live")));
        Assert.Equal(1, scrape.Value("vbrick_webcast_up"));
        Assert.Equal(2, scrape.Value("vbrick_webcast_request_failures_total", ("reason", "not_found")));
        Assert.Empty(scrape.Series("vbrick_webcast_event_info", ("status", "Deleted")));
    }
}
