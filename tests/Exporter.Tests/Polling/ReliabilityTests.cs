using Vbrick.Exporter.Tests.Support;
using Vbrick.Rev.Simulator;
using Vbrick.Rev.Simulator.Faults;
using static Vbrick.Exporter.Tests.Support.SimulatorScenarios;

namespace Vbrick.Exporter.Tests.Polling;

public sealed class ReliabilityTests
{
    [Fact]
    public async Task SessionsBeyondTheCap_CountInGaugesNotInCounters_AndMemoryStaysBounded()
    {
        var options = new RevSimulatorOptions { RealtimeRequestsPerMinute = null, Events = [LiveEvent(SmallEventId, 1_000, seed: 32)] };
        var settings = new Dictionary<string, string?> { ["Rev:RateLimits:RealtimeAttendeesPerMinute"] = "600", ["Polling:Interval"] = "00:00:05", ["Events:MaxSessionsPerEvent"] = "100" };
        await using var harness = await ExporterHarness.StartAsync(options, settings);

        await harness.RunForAsync(TimeSpan.FromMinutes(5));

        var scrape = harness.Scrape();
        var online = harness.Simulator.Audience(SmallEventId).RecordsAt(harness.Time.GetUtcNow()).Count(r => r.IsOnline);
        Assert.True(online > 100);
        Assert.Equal(100, scrape.Value("vbrick_webcast_tracked_sessions"));
        Assert.True(scrape.Value("vbrick_webcast_invalid_records_total", ("reason", "sessions_over_cap")) > 0);
        Assert.InRange(scrape.Series("vbrick_webcast_attendees", ("status", "online")).Sum(s => s.Value), 100 + 1, 1_000);
    }

    [Fact]
    public async Task SessionsAcrossEvents_ShareOneExporterWideAllowance()
    {
        // Each event alone fits its own cap; together they pass the exporter-wide one, which bounds
        // memory however many events discovery adds.
        var options = new RevSimulatorOptions { RealtimeRequestsPerMinute = null, Events = [LiveEvent(SmallEventId, 400, seed: 34), LiveEvent(LargeEventId, 400, seed: 35)] };
        var settings = new Dictionary<string, string?>
        {
            ["Rev:RateLimits:RealtimeAttendeesPerMinute"] = "600",
            ["Polling:Interval"] = "00:00:05",
            ["Events:MaxSessionsPerEvent"] = "1000",
            ["Events:MaxTrackedSessions"] = "500",
        };
        await using var harness = await ExporterHarness.StartAsync(options, settings);

        await harness.RunForAsync(TimeSpan.FromMinutes(5));

        var scrape = harness.Scrape();
        var sessions = new[] { SmallEventId, LargeEventId }.Sum(id => harness.Simulator.Audience(id).RecordsAt(harness.Time.GetUtcNow()).Count());
        Assert.True(sessions > 500, $"only {sessions} sessions: the allowance would not bite");
        Assert.Equal(500, scrape.Series("vbrick_webcast_tracked_sessions").Sum(s => s.Value));
        Assert.Equal(500, scrape.Value("vbrick_exporter_tracked_sessions_limit"));
        Assert.True(scrape.Series("vbrick_webcast_invalid_records_total", ("reason", "sessions_over_cap")).Sum(s => s.Value) > 0);
    }

    [Fact]
    public async Task CombinationsBeyondTheCap_FoldIntoOther_AndAreCounted()
    {
        var options = new RevSimulatorOptions { RealtimeRequestsPerMinute = null, Events = [LiveEvent(SmallEventId, 3_000, seed: 33)] };
        var settings = new Dictionary<string, string?> { ["Rev:RateLimits:RealtimeAttendeesPerMinute"] = "600", ["Polling:Interval"] = "00:00:05", ["Events:MaxCombinations"] = "10" };
        await using var harness = await ExporterHarness.StartAsync(options, settings);

        await harness.RunForAsync(TimeSpan.FromMinutes(3));

        var scrape = harness.Scrape();
        var truth = harness.Simulator.Audience(SmallEventId).RecordsAt(harness.Time.GetUtcNow()).Select(r => (r.Zone, r.StreamType, r.Browser)).Distinct().Count();
        Assert.True(truth > 20, $"only {truth} combinations: the cap would not bite");
        var published = scrape.Series("vbrick_webcast_attendees").Select(s => (s.Labels["zone"], s.Labels["stream_type"], s.Labels["browser"])).Distinct().ToList();
        Assert.InRange(published.Count, 2, 11);
        Assert.Contains(("other", "other", "other"), published);
        Assert.True(scrape.Value("vbrick_webcast_label_values_folded_total", ("label", "combination")) > 0);
        // Folding moves records between series, it loses none (the sweep is a little older than now).
        var online = harness.Simulator.Audience(SmallEventId).RecordsAt(harness.Time.GetUtcNow()).Count(r => r.IsOnline);
        Assert.InRange(scrape.Series("vbrick_webcast_attendees", ("status", "online")).Sum(s => s.Value), online * 0.9, online * 1.1);
    }

    [Fact]
    public async Task CardinalityAttack_100000DistinctZones_KeepsSeriesBoundedByTheCap()
    {
        var attack = LiveEvent(SmallEventId, 100_000, seed: 31);
        attack.DistinctZonePerViewer = true;
        var options = new RevSimulatorOptions { RealtimeRequestsPerMinute = null, Events = [attack] };
        var settings = new Dictionary<string, string?> { ["Rev:RateLimits:RealtimeAttendeesPerMinute"] = "6000", ["Polling:Interval"] = "00:00:01" };
        await using var harness = await ExporterHarness.StartAsync(options, settings);

        await harness.RunUntilSweepsAsync(SmallEventId, 1, TimeSpan.FromMinutes(10));

        var scrape = harness.Scrape();
        var zones = scrape.Series("vbrick_webcast_attendees").Select(s => s.Labels["zone"]).Distinct().ToList();
        var sessions = harness.Simulator.Audience(SmallEventId).FiguresAt(ExporterHarness.Epoch).Total;
        Assert.True(sessions > 50_000);
        Assert.True(zones.Count <= 52, $"{zones.Count} zone values");
        Assert.Contains("other", zones);
        Assert.Equal(sessions - 50, scrape.Value("vbrick_webcast_label_values_folded_total", ("label", "zone")));
        Assert.Equal(sessions, scrape.Value("vbrick_webcast_attendees"));
        Assert.True(scrape.Samples.Count < 20_000, $"{scrape.Samples.Count} samples");
        Assert.True(scrape.Text.Length < 4_000_000, $"{scrape.Text.Length} bytes");
    }

    [Fact]
    public async Task RevDown_KeepsTheLastValuesMarksUpZeroAndRecoversWhenBack()
    {
        await using var harness = await ExporterHarness.StartAsync(OneEvent(300));
        await harness.RunUntilSweepsAsync(SmallEventId, 2, TimeSpan.FromMinutes(3));
        var before = harness.Scrape();
        var port = harness.Simulator.BaseAddress.Port;

        await harness.Simulator.StopAsync();
        await harness.RunForAsync(TimeSpan.FromMinutes(3));
        var down = harness.Scrape();
        await harness.Simulator.StartAsync(port, cancellationToken: TestContext.Current.CancellationToken);
        await harness.RunForAsync(TimeSpan.FromMinutes(2));
        var back = harness.Scrape();

        Assert.Equal(0, down.Value("vbrick_webcast_up"));
        Assert.True(down.Value("vbrick_webcast_request_failures_total", ("reason", "network")) >= 3);
        Assert.Equal(before.Value("vbrick_webcast_attendees"), down.Value("vbrick_webcast_attendees"));
        Assert.Equal(before.Value("vbrick_webcast_sweep_timestamp_seconds"), down.Value("vbrick_webcast_sweep_timestamp_seconds"));
        Assert.Equal(before.Value("vbrick_webcast_buffering_events_total"), down.Value("vbrick_webcast_buffering_events_total"));
        Assert.Equal(0, down.Value("vbrick_exporter_loop_failures_total"));
        Assert.Equal(1, back.Value("vbrick_webcast_up"));
        Assert.True(back.Value("vbrick_webcast_sweep_timestamp_seconds") > down.Value("vbrick_webcast_sweep_timestamp_seconds"));
        Assert.True(back.Value("vbrick_webcast_buffering_events_total") >= down.Value("vbrick_webcast_buffering_events_total"));
    }

    [Fact]
    public async Task RateLimitStorm_NeverBecomesARetryStorm()
    {
        await using var harness = await ExporterHarness.StartAsync(OneEvent(1_700));
        await harness.RunForAsync(TimeSpan.FromSeconds(1));
        harness.Simulator.Faults.Add(Fault.TooManyRequests(TimeSpan.FromSeconds(45), times: 8));

        await harness.RunForAsync(TimeSpan.FromMinutes(60));

        var times = harness.Simulator.Stats.RealtimeRequestTimes;
        for (var i = 2; i <= 9; i++)
        {
            Assert.True(times[i] - times[i - 1] >= TimeSpan.FromSeconds(45), $"request {i} came {times[i] - times[i - 1]} after a 429");
        }

        var scrape = harness.Scrape();
        Assert.Equal(8, scrape.Value("vbrick_exporter_rev_rate_limited_total"));
        Assert.Equal(8, harness.Simulator.Stats.RateLimited);
        Assert.Equal(0, scrape.Value("vbrick_exporter_rev_retries_total", ("endpoint", "realtime_attendees")));
        // Recovered: in the last quarter hour it reads several times the rate floor again (after eight
        // halvings the floor allows under 4 requests there), and the figures are fresh.
        var lastQuarterHour = times.Count(t => t > harness.Time.GetUtcNow() - TimeSpan.FromMinutes(15));
        Assert.True(lastQuarterHour >= 10, $"{lastQuarterHour} real-time requests in the last 15 minutes");
        var figuresAge = harness.Time.GetUtcNow().ToUnixTimeSeconds() - scrape.Value("vbrick_webcast_figures_timestamp_seconds")!.Value;
        Assert.True(figuresAge <= 300, $"event-wide figures {figuresAge} s old, past Polling:MaxFiguresAge");
        Assert.Equal(1, scrape.Value("vbrick_webcast_up"));
    }
}
