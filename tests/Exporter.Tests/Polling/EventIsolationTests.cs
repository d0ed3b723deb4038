using Vbrick.Exporter.Tests.Support;
using Vbrick.Rev.Simulator;
using Vbrick.Rev.Simulator.Faults;
using static Vbrick.Exporter.Tests.Support.SimulatorScenarios;

namespace Vbrick.Exporter.Tests.Polling;

/// <summary>
/// A fault in one webcast never costs another a request: a failing, hanging or status-hanging
/// event backs off on its own, shows <c>up 0</c> with its reason, and the healthy ones keep their
/// cadence and their figures bound, at Rev's real rate.
/// </summary>
public sealed class EventIsolationTests
{
    public static TheoryData<string, FaultTarget> Faults => new()
    {
        { "http", FaultTarget.RealtimeAttendees },

        // An API key that may list the webcast but not read it: 401 on its calls while the session is valid.
        { "forbidden", FaultTarget.RealtimeAttendees },
        { "timeout", FaultTarget.RealtimeAttendees },
        { "status-timeout", FaultTarget.EventStatus },
    };

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task OneOfThreeWebcastsFailing_TheOtherTwoKeepTheirCadenceAndFigures_TheFailingOneBacksOff(string kind, FaultTarget target)
    {
        var options = RevLimits(LiveEvent(SmallEventId, 300, seed: 1), LiveEvent(LargeEventId, 400, seed: 2), LiveEvent(ThirdEventId, 350, seed: 4));
        var fault = kind switch
        {
            "http" => new Fault(target, FaultKind.Status) { StatusCode = 500 },
            "forbidden" => new Fault(target, FaultKind.Status) { StatusCode = 401 },
            _ => new Fault(target, FaultKind.Delay) { Delay = TimeSpan.FromMinutes(3) },
        };
        options.Events[0].Title = "Failing";
        await using var harness = await ExporterHarness.StartAsync(options);
        await harness.RunForAsync(TimeSpan.FromMinutes(2));
        harness.Simulator.Faults.Add(fault with { EventId = SmallEventId, Times = 10_000 });
        if (kind == "forbidden")
        {
            harness.Simulator.Faults.Add(fault with { Target = FaultTarget.EventStatus, EventId = SmallEventId, Times = 10_000 });
        }

        var from = harness.Time.GetUtcNow();
        var signInsBefore = harness.Simulator.Stats.Requests(FaultTarget.Authenticate);

        var worstFigures = TimeSpan.Zero;
        for (var minute = 0; minute < 20; minute++)
        {
            await harness.RunForAsync(TimeSpan.FromMinutes(1));
            var scrape = harness.Scrape();
            foreach (var id in new[] { LargeEventId, ThirdEventId })
            {
                var age = harness.Time.GetUtcNow() - DateTimeOffset.FromUnixTimeMilliseconds((long)(scrape.Value("vbrick_webcast_figures_timestamp_seconds", ("event_id", id))!.Value * 1000));
                worstFigures = age > worstFigures ? age : worstFigures;
            }
        }

        var end = harness.Scrape();
        Assert.True(worstFigures <= TimeSpan.FromMinutes(5), $"a healthy event's figures reached {worstFigures} old");
        foreach (var id in new[] { LargeEventId, ThirdEventId })
        {
            var times = harness.Simulator.Stats.RealtimeRequestTimesOf(id).Where(t => t >= from).ToList();
            var gap = times.Zip(times.Skip(1), (a, b) => b - a).Max();
            Assert.True(gap <= TimeSpan.FromSeconds(150), $"{id}: a gap of {gap} between real-time requests");
            Assert.True(times.Count >= 15, $"{id}: {times.Count} requests in 20 minutes");
            Assert.Equal(1, end.Value("vbrick_webcast_up", ("event_id", id)));
        }

        if (target == FaultTarget.RealtimeAttendees)
        {
            // 30 s, 1, 2, 4, 8, 10 minutes between tries: a handful in 20 minutes, not half the budget.
            Assert.InRange(harness.Simulator.Stats.RealtimeRequestTimesOf(SmallEventId).Count(t => t >= from), 3, 8);
            Assert.Equal(0, end.Value("vbrick_webcast_up", ("event_id", SmallEventId)));
            Assert.True(end.Value("vbrick_webcast_request_failures_total", ("event_id", SmallEventId), ("reason", kind)) >= 3);
        }
        else
        {
            // Its status hangs: each check is cut off at its deadline and the next waits 1, 2, 4, 8
            // minutes, and its real-time requests carry on.
            Assert.InRange(end.Value("vbrick_webcast_request_failures_total", ("event_id", SmallEventId), ("reason", "timeout")) ?? 0, 3, 6);
            Assert.Equal(1, end.Value("vbrick_webcast_up", ("event_id", SmallEventId)));
        }

        // The session every webcast shares is never dropped for one webcast's refusals.
        Assert.InRange(harness.Simulator.Stats.Requests(FaultTarget.Authenticate) - signInsBefore, 0, 1);
        Assert.True(harness.Simulator.Stats.MaxRealtimeRequestsInAnyMinute() <= 2);
        Assert.Equal(0, harness.Simulator.Stats.RateLimited);
    }

    [Fact]
    public async Task ScrollsForgottenThreeTimesInARow_ThenRevRecovers_ATwoPageEventIsSweptAgainWithinFiveMinutes()
    {
        await using var harness = await ExporterHarness.StartAsync(RevLimits(LiveEvent(SmallEventId, 700, seed: 7)));
        await harness.RunUntilSweepsAsync(SmallEventId, 1, TimeSpan.FromMinutes(3));
        harness.Simulator.Faults.Add(new Fault(FaultTarget.RealtimeAttendees, FaultKind.ExpireScroll) { OnlyContinuation = true, Times = 3 });

        for (var step = 0; step < 40 && harness.Simulator.Stats.ScrollsExpired < 3; step++)
        {
            await harness.RunForAsync(TimeSpan.FromSeconds(30));
        }

        Assert.Equal(3, harness.Simulator.Stats.ScrollsExpired);
        var recovered = harness.Time.GetUtcNow();
        var before = harness.Scrape().Value("vbrick_webcast_sweeps_total", ("outcome", "completed"));

        await harness.RunForAsync(TimeSpan.FromMinutes(5));

        var scrape = harness.Scrape();
        Assert.True(scrape.Value("vbrick_webcast_sweeps_total", ("outcome", "completed")) > before, "no full sweep within 5 minutes of Rev recovering");
        var sweptAt = DateTimeOffset.FromUnixTimeMilliseconds((long)(scrape.Value("vbrick_webcast_sweep_timestamp_seconds")!.Value * 1000));
        Assert.True(sweptAt - recovered <= TimeSpan.FromMinutes(5));
        Assert.Equal(3, harness.Simulator.Stats.ScrollsExpired);
    }

    [Fact]
    public async Task AKeyThatMayNotListZones_IsSaidOnce_AndZonesAreCountedFromWhatReadingsShow()
    {
        var options = RevLimits(TownHall(SmallEventId, 20_000, seed: 61));
        options.Dialect = options.Dialect with { ZoneList = ZoneListAccess.Refused };
        await using var harness = await ExporterHarness.StartAsync(options);

        await harness.RunForAsync(TimeSpan.FromMinutes(30));

        var scrape = harness.Scrape();
        Assert.Equal(0, scrape.Value("vbrick_exporter_zone_list_up"));
        Assert.Single(harness.Logs.Lines, l => l.Message.Contains("refused the zone list", StringComparison.Ordinal));
        Assert.True(scrape.Series("vbrick_webcast_zone_attendees").Count() >= 15);
        Assert.DoesNotContain(scrape.Series("vbrick_webcast_zone_attendees"), s => s.Labels["zone"] is "Default Zone" or "Corporate Offices");
        HeadCountTruth.AssertExact(scrape, harness.Simulator.Audience(SmallEventId), SmallEventId);
    }
}
