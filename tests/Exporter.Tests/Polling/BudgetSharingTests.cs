using Vbrick.Exporter.Tests.Support;
using Vbrick.Rev.Simulator;
using Vbrick.Rev.Simulator.Faults;
using static Vbrick.Exporter.Tests.Support.SimulatorScenarios;

namespace Vbrick.Exporter.Tests.Polling;

public sealed class BudgetSharingTests
{
    [Fact]
    public async Task ThreeEventsSharingTwoAMinute_TheSampledOneSweptOnce_TheOthersFairly_NoRateLimitNoExpiredScroll()
    {
        var options = new RevSimulatorOptions
        {
            RealtimeRequestsPerMinute = 2,
            Events = [LiveEvent(SmallEventId, 300, seed: 1), LiveEvent(LargeEventId, 4_000, seed: 2), LiveEvent(ThirdEventId, 350, seed: 4)],
        };
        await using var harness = await ExporterHarness.StartAsync(options);

        await harness.RunForAsync(TimeSpan.FromMinutes(30));

        var scrape = harness.Scrape();
        Assert.Equal(0, harness.Simulator.Stats.RateLimited);
        Assert.True(harness.Simulator.Stats.MaxRealtimeRequestsInAnyMinute() <= 2);
        foreach (var id in new[] { SmallEventId, LargeEventId, ThirdEventId })
        {
            Assert.Equal(1, scrape.Value("vbrick_webcast_up", ("event_id", id)));
        }

        // 30 minutes at 2 a minute is 60 slots, all used. The 8-page event is sampled: its sweep
        // holds every slot (a 60 s scroll lifetime leaves no room between its pages), so it runs once,
        // at start-up, for the breakdown, and not again within Polling:SampledSweepInterval; after
        // that its stable page and census pages keep its zone signal read. The one-page events share
        // the rest evenly.
        Assert.InRange(harness.Simulator.Stats.Requests(FaultTarget.RealtimeAttendees), 59, 61);
        double Completed(string id) => scrape.Value("vbrick_webcast_sweeps_total", ("event_id", id), ("outcome", "completed")) ?? 0;
        Assert.Equal(1, Completed(LargeEventId));
        Assert.InRange(Completed(SmallEventId), 15, 25);
        Assert.InRange(Completed(ThirdEventId), 15, 25);
        Assert.True(Math.Abs(Completed(SmallEventId) - Completed(ThirdEventId)) <= 1, $"{Completed(SmallEventId)} against {Completed(ThirdEventId)}");
        Assert.True(scrape.Value("vbrick_webcast_samples_total", ("event_id", LargeEventId)) >= 10, "the sampled event's stable page was not kept read");
        Assert.Equal(0, scrape.Value("vbrick_webcast_sweeps_total", ("outcome", "scroll_restart")) ?? 0);
        Assert.Equal(0, harness.Simulator.Stats.ScrollsExpired);
        Assert.Equal(0, scrape.Value("vbrick_exporter_rev_rate_limited_total") ?? 0);

        // No request waits longer than the run: an event never read was due since it was watched,
        // not since the beginning of time (a first wait of 63,932,122,879 s before).
        var waited = scrape.Value("vbrick_exporter_budget_wait_seconds_sum", ("family", "realtime_attendees"))!.Value;
        var requests = scrape.Value("vbrick_exporter_budget_wait_seconds_count", ("family", "realtime_attendees"))!.Value;
        Assert.InRange(waited, 0, requests * TimeSpan.FromMinutes(30).TotalSeconds);
        Assert.Equal(0, scrape.Value("vbrick_exporter_budget_wait_seconds_bucket", ("family", "realtime_attendees"), ("le", "1800")) - scrape.Value("vbrick_exporter_budget_wait_seconds_bucket", ("family", "realtime_attendees"), ("le", "+Inf")));
    }

    [Fact]
    public async Task OnePageEvents_TakeSweepTurnsEvenly()
    {
        var options = new RevSimulatorOptions
        {
            RealtimeRequestsPerMinute = 2,
            Events = [LiveEvent(SmallEventId, 100, seed: 1), LiveEvent(LargeEventId, 100, seed: 2), LiveEvent(ThirdEventId, 100, seed: 4)],
        };
        await using var harness = await ExporterHarness.StartAsync(options);

        await harness.RunForAsync(TimeSpan.FromMinutes(15));

        var sweeps = new[] { SmallEventId, LargeEventId, ThirdEventId }
            .Select(id => harness.Scrape().Value("vbrick_webcast_sweeps_total", ("event_id", id), ("outcome", "completed")) ?? 0)
            .ToList();
        Assert.True(sweeps.Max() - sweeps.Min() <= 1, string.Join(",", sweeps));
        Assert.True(sweeps.Sum() >= 29);
    }

    [Fact]
    public async Task RateLimitWithRetryAfter_PausesForRetryAfterAndKeepsTheScroll()
    {
        // A tenant whose scrolls outlive the pause: the sweep picks up where it stopped.
        var options = OneEvent(1_700);
        options.ScrollLifetime = TimeSpan.FromMinutes(15);
        await using var harness = await ExporterHarness.StartAsync(options, new Dictionary<string, string?> { ["Rev:ScrollLifetime"] = "00:15:00" });
        await harness.RunForAsync(TimeSpan.FromSeconds(1));
        harness.Simulator.Faults.Add(Fault.TooManyRequests(TimeSpan.FromSeconds(120)));

        await harness.RunForAsync(TimeSpan.FromSeconds(31));
        var limitedAt = harness.Simulator.Stats.RealtimeRequestTimes[^1];
        await harness.RunForAsync(TimeSpan.FromMinutes(5));

        var times = harness.Simulator.Stats.RealtimeRequestTimes;
        var next = times.First(t => t > limitedAt);
        Assert.True(next - limitedAt >= TimeSpan.FromSeconds(120), $"next request {next - limitedAt} after the 429");
        var scrape = harness.Scrape();
        Assert.Equal(1, scrape.Value("vbrick_exporter_rev_rate_limited_total", ("family", "realtime_attendees")));
        Assert.Equal(0, scrape.Value("vbrick_webcast_sweeps_total", ("outcome", "scroll_restart")) ?? 0);
        Assert.Equal(0, scrape.Value("vbrick_webcast_sweeps_total", ("outcome", "failed")) ?? 0);
        Assert.True(scrape.Value("vbrick_webcast_sweeps_total", ("outcome", "completed")) >= 1);
        Assert.Equal(1, scrape.Value("vbrick_webcast_request_failures_total", ("reason", "rate_limited")));
        Assert.Equal(1, harness.Simulator.Stats.RateLimited);
    }

    [Fact]
    public async Task RetryAfterOfADay_IsBoundedToFifteenMinutes_PollingResumes()
    {
        await using var harness = await ExporterHarness.StartAsync(OneEvent(200));
        await harness.RunForAsync(TimeSpan.FromSeconds(1));
        harness.Simulator.Faults.Add(Fault.TooManyRequests(TimeSpan.FromDays(1)));

        await harness.RunForAsync(TimeSpan.FromSeconds(31));
        var limitedAt = harness.Simulator.Stats.RealtimeRequestTimes[^1];
        await harness.RunForAsync(TimeSpan.FromMinutes(20));

        var next = harness.Simulator.Stats.RealtimeRequestTimes.First(t => t > limitedAt);
        Assert.InRange(next - limitedAt, TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(16));
        Assert.Equal(1, harness.Scrape().Value("vbrick_webcast_up"));
    }

    [Fact]
    public async Task RateLimitWithoutRetryAfter_BacksOffSixtySecondsAndLowersTheRate()
    {
        await using var harness = await ExporterHarness.StartAsync(OneEvent(200));
        await harness.RunForAsync(TimeSpan.FromSeconds(1));
        harness.Simulator.Faults.Add(Fault.TooManyRequests(null));

        await harness.RunForAsync(TimeSpan.FromSeconds(31));
        var limitedAt = harness.Simulator.Stats.RealtimeRequestTimes[^1];
        var lowered = harness.Scrape().Value("vbrick_exporter_budget_effective_per_minute", ("family", "realtime_attendees"));
        await harness.RunForAsync(TimeSpan.FromMinutes(10));
        var held = harness.Scrape().Value("vbrick_exporter_budget_effective_per_minute", ("family", "realtime_attendees"));
        await harness.RunForAsync(TimeSpan.FromMinutes(25));

        var next = harness.Simulator.Stats.RealtimeRequestTimes.First(t => t > limitedAt);
        Assert.True(next - limitedAt >= TimeSpan.FromSeconds(60));
        Assert.Equal(1, lowered);
        Assert.Equal(1.5, held);
        Assert.Equal(2, harness.Scrape().Value("vbrick_exporter_budget_effective_per_minute", ("family", "realtime_attendees")));
        Assert.Equal(1, harness.Simulator.Stats.RateLimited);
    }

    [Fact]
    public async Task TenantLimitLowerThanConfigured_ExporterAdaptsAndStopsHittingIt()
    {
        // Rev allows one a minute while the exporter believes two: it must learn, not storm.
        await using var harness = await ExporterHarness.StartAsync(OneEvent(200, limitPerMinute: 1));

        await harness.RunForAsync(TimeSpan.FromMinutes(30));

        // A client that kept to its configured 2 a minute would be refused about 30 times here.
        var limited = harness.Simulator.Stats.RateLimited;
        Assert.InRange(limited, 1, 4);
        Assert.True(harness.Scrape().Value("vbrick_webcast_sweeps_total", ("outcome", "completed")) >= 15);
    }
}
