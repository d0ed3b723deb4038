using Vbrick.Exporter.Tests.Support;
using Vbrick.Rev.Simulator;
using static Vbrick.Exporter.Tests.Support.SimulatorScenarios;

namespace Vbrick.Exporter.Tests.Polling;

/// <summary>
/// Where Rev's reference is silent, the simulator can disagree with the exporter's defaults: the
/// exporter either stays right once told (a setting), or a cross-check metric shows the mismatch.
/// </summary>
public sealed class RevFidelityTests
{
    private static readonly Dictionary<string, string?> Fast = SimulatorScenarios.FastLimits(("PostEvent:SettleDelay", "00:00:30"));

    private static readonly Dictionary<string, string?> AllMilliseconds = new(Fast)
    {
        ["Rev:Units:LiveBufferingDuration"] = "Milliseconds",
        ["Rev:Units:AverageRebufferDuration"] = "Milliseconds",
        ["Rev:Units:PostEventRebufferDuration"] = "Milliseconds",
    };

    // Several complete simulated events (5 to 20 s of CPU): the slow tier, so the fast one stays under two minutes.
    [Trait(Tier.Name, Tier.Slow)]
    [Fact]
    public async Task IntegerMillisecondDurations_WithTheUnitSettings_GiveTheSameSecondsAsSeconds()
    {
        var seconds = await RunEndingEventAsync(new RevSimulatorOptions(), Fast);
        var milliseconds = await RunEndingEventAsync(new RevSimulatorOptions { Dialect = new() { IntegerDurations = DurationUnit.Milliseconds, LiveDurations = DurationUnit.Milliseconds } }, AllMilliseconds);

        var live = seconds.Live.Series("vbrick_webcast_buffering_seconds_total").Sum(s => s.Value);
        Assert.True(live > 10, $"only {live} s of buffering: the comparison would prove nothing");
        Assert.Equal(live, milliseconds.Live.Series("vbrick_webcast_buffering_seconds_total").Sum(s => s.Value), live * 1e-3);

        var average = seconds.Live.Value("vbrick_webcast_rebuffer_duration_average_seconds")!.Value;
        Assert.True(average > 0);
        Assert.Equal(average, milliseconds.Live.Value("vbrick_webcast_rebuffer_duration_average_seconds")!.Value, 3);

        var postEvent = seconds.Summary.Series("vbrick_webcast_post_event_rebuffer_seconds_total").Sum(s => s.Value);
        Assert.True(postEvent > 10);
        Assert.Equal(postEvent, milliseconds.Summary.Series("vbrick_webcast_post_event_rebuffer_seconds_total").Sum(s => s.Value), postEvent * 1e-3);
    }

    // Several complete simulated events (5 to 20 s of CPU): the slow tier, so the fast one stays under two minutes.
    [Trait(Tier.Name, Tier.Slow)]
    [Fact]
    public async Task MillisecondsInEveryDurationField_UnderTheSecondsDefault_ShowAsDurationsPastTheSessionsAge()
    {
        // Both live fields in milliseconds: the recomputed-average cross-check reads 1:1, so only
        // physics shows it. A right reading (or the right setting) shows none.
        var wrong = await RunEndingEventAsync(new RevSimulatorOptions { Dialect = new() { IntegerDurations = DurationUnit.Milliseconds, LiveDurations = DurationUnit.Milliseconds } }, Fast);
        var right = await RunEndingEventAsync(new RevSimulatorOptions(), Fast);
        var told = await RunEndingEventAsync(new RevSimulatorOptions { Dialect = new() { IntegerDurations = DurationUnit.Milliseconds, LiveDurations = DurationUnit.Milliseconds } }, AllMilliseconds);

        Assert.InRange(wrong.Live.Value("vbrick_webcast_rebuffer_duration_average_seconds")!.Value / wrong.Live.Value("vbrick_webcast_sweep_rebuffer_duration_average_seconds")!.Value, 0.8, 1.25);
        Assert.True(wrong.Live.Value("vbrick_webcast_durations_past_session_age_total", ("field", "live_buffering_duration")) >= 10);
        Assert.True(wrong.Summary.Value("vbrick_webcast_durations_past_session_age_total", ("field", "post_event_rebuffer_duration")) >= 10);
        foreach (var (live, summary) in new[] { right, told })
        {
            Assert.Equal(0, live.Value("vbrick_webcast_durations_past_session_age_total", ("field", "live_buffering_duration")));
            Assert.Equal(0, summary.Value("vbrick_webcast_durations_past_session_age_total", ("field", "post_event_rebuffer_duration")));
        }
    }

    [Fact]
    public async Task MillisecondLiveDurations_ShowWithinTheFirstSweep()
    {
        var simulated = LiveEvent(SmallEventId, 1_500, seed: 24);
        await using var harness = await ExporterHarness.StartAsync(
            new RevSimulatorOptions { RealtimeRequestsPerMinute = 60, Dialect = new() { LiveDurations = DurationUnit.Milliseconds, IntegerDurations = DurationUnit.Milliseconds }, Events = [simulated] },
            Fast);

        await harness.RunUntilSweepsAsync(SmallEventId, 1, TimeSpan.FromMinutes(2));

        Assert.True(harness.Scrape().Value("vbrick_webcast_durations_past_session_age_total", ("field", "live_buffering_duration")) >= 10);
    }

    // Several complete simulated events (5 to 20 s of CPU): the slow tier, so the fast one stays under two minutes.
    [Trait(Tier.Name, Tier.Slow)]
    [Fact]
    public async Task IntegerMillisecondAverage_UnderTheSecondsDefault_IsVisibleBesideTheSweepsOwnAverage()
    {
        // Vbrick's spec: the event-wide average is an integer, the per-attendee duration a float.
        // Read with the default (seconds), the average is 1,000 times the sweep's own figure.
        var wrong = await RunEndingEventAsync(new RevSimulatorOptions { Dialect = new() { IntegerDurations = DurationUnit.Milliseconds } }, Fast);
        var told = await RunEndingEventAsync(
            new RevSimulatorOptions { Dialect = new() { IntegerDurations = DurationUnit.Milliseconds } },
            new Dictionary<string, string?>(Fast) { ["Rev:Units:AverageRebufferDuration"] = "Milliseconds" });

        Assert.InRange(Ratio(wrong.Live), 500, 2_000);
        Assert.InRange(Ratio(told.Live), 0.8, 1.25);

        static double Ratio(Scrape scrape) =>
            scrape.Value("vbrick_webcast_rebuffer_duration_average_seconds")!.Value / scrape.Value("vbrick_webcast_sweep_rebuffer_duration_average_seconds")!.Value;
    }

    [Theory]
    [InlineData(false, 1.0, 1.0)]
    [InlineData(true, 1.05, 3.0)]
    public async Task RoleCounts_OverOnlineOrAllSessions_TheCrossCheckSaysWhich_AndTheHeadlineIsTheOnlineCountEither(bool overAllSessions, double low, double high)
    {
        // 400 viewers, a quarter leaving early: after an hour Rev holds offline sessions too.
        var simulated = LiveEvent(SmallEventId, 400, seed: 21);
        simulated.RoleCountsOverAllSessions = overAllSessions;
        await using var harness = await ExporterHarness.StartAsync(new RevSimulatorOptions { RealtimeRequestsPerMinute = 60, Events = [simulated] }, Fast);

        await harness.RunForAsync(TimeSpan.FromMinutes(60));

        var scrape = harness.Scrape();
        Assert.True(scrape.Series("vbrick_webcast_attendees", ("status", "offline")).Sum(s => s.Value) > 0);
        Assert.InRange(scrape.Value("vbrick_webcast_role_counts_online_ratio")!.Value, low, high);

        // The headline (vbrick:webcast_online_viewers, "Viewers now") sums the zones' head counts:
        // the online truth under either reading, where Rev's role counts are not.
        HeadCountTruth.AssertExact(scrape, harness.Simulator.Audience(SmallEventId), SmallEventId);
        var viewers = scrape.Series("vbrick_webcast_zone_attendees").Sum(s => s.Value);
        var roles = scrape.Series("vbrick_webcast_audience").Sum(s => s.Value);
        Assert.True(viewers > 100);
        Assert.InRange(roles / viewers, low, high);
    }

    /// <summary>A 1,500-viewer event that ends 10 minutes in, read live and then summarised.</summary>
    [Theory]
    [InlineData(300)]      // swept
    [InlineData(6_000)]    // counted by the census
    public async Task ZonesNamedOtherUnknownAndNone_AreCountedAsZonesOfTheirOwn_NotAsTheOverflowOrTheMissingZone(int viewers)
    {
        var simulated = LiveEvent(SmallEventId, viewers, seed: 25);
        simulated.Zones = [("other", 0.3, true), ("unknown", 0.2, true), ("None", 0.2, true), ("Oslo Office", 0.2, true), (null, 0.1, false)];
        await using var harness = await ExporterHarness.StartAsync(RevLimits(simulated));

        await harness.RunForAsync(TimeSpan.FromMinutes(20));

        var scrape = harness.Scrape();
        var zones = scrape.Series("vbrick_webcast_zone_attendees").Select(s => s.Labels["zone"]).ToHashSet();
        Assert.Superset(new HashSet<string> { "'other'", "'unknown'", "None", "Oslo Office", "unknown" }, zones);
        Assert.DoesNotContain("other", zones);
        HeadCountTruth.AssertExact(scrape, harness.Simulator.Audience(SmallEventId), SmallEventId);
    }

    [Fact]
    public async Task AZoneWhoseRawNameIsNotItsLabel_IsSearchedByItsRawName_ForItsCountAndForFocus()
    {
        // Rev's zone name carries a control character: its label has a space there, and a search for
        // the label finds nothing. The census and the suspect zone's pages must ask for the raw name.
        var simulated = LiveEvent(SmallEventId, 10_000, seed: 26, spike: new RebufferSpike("Oslo\u0007Office", TimeSpan.FromMinutes(35), TimeSpan.FromMinutes(30), AffectedShare: 0.6));
        simulated.Zones = [("Oslo\u0007Office", 0.1, true), ("London HQ", 0.4, true), ("New York Office", 0.3, true), ("VPN", 0.2, false)];
        var options = RevLimits(simulated);
        options.QueryMatchRule = Vbrick.Rev.Simulator.Search.QueryMatchRule.Exact;
        await using var harness = await ExporterHarness.StartAsync(options);

        await harness.RunForAsync(TimeSpan.FromMinutes(20));

        var scrape = harness.Scrape();
        Assert.NotNull(scrape.Value("vbrick_webcast_zone_attendees", ("zone", "Oslo Office")));
        HeadCountTruth.AssertExact(scrape, harness.Simulator.Audience(SmallEventId), SmallEventId);

        // The stable page holds about 50 of the zone's sessions; its census and focus pages read 500.
        Assert.True(scrape.Value("vbrick_webcast_zone_quality_sample_sessions", ("zone", "Oslo Office")) >= 200);
        Assert.True(scrape.Value("vbrick_webcast_zone_rebuffering_ratio", ("zone", "Oslo Office")) > 0.4);
    }

    [Fact]
    public async Task ATenantServingAHundredRecordsAPage_IsSizedAndCountedAtTheSizeItServes()
    {
        // 2,000 viewers are 4 pages at the 500 asked for, 20 at the 100 served: a sweep of 20 pages
        // is sampled (10 minutes), and no page is taken for a run-away scroll.
        var options = RevLimits(LiveEvent(SmallEventId, 2_000, seed: 23));
        options.MaxPageSize = 100;
        await using var harness = await ExporterHarness.StartAsync(options);

        await harness.RunForAsync(TimeSpan.FromMinutes(15));

        var scrape = harness.Scrape();
        Assert.Equal(1, scrape.Value("vbrick_webcast_realtime_mode", ("mode", "sampled")));
        Assert.Equal(0, scrape.Value("vbrick_webcast_sweeps_total", ("outcome", "failed")) ?? 0);
        Assert.True(scrape.Series("vbrick_webcast_zone_attendees").Count() >= 5);
        HeadCountTruth.AssertExact(scrape, harness.Simulator.Audience(SmallEventId), SmallEventId);
    }

    private static async Task<(Scrape Live, Scrape Summary)> RunEndingEventAsync(RevSimulatorOptions options, Dictionary<string, string?> settings)
    {
        var simulated = LiveEvent(SmallEventId, 1_500, seed: 22);
        simulated.Duration = ExporterHarness.Epoch - simulated.StartsAt + TimeSpan.FromMinutes(10);
        options.RealtimeRequestsPerMinute = 60;
        options.Events = [simulated];
        await using var harness = await ExporterHarness.StartAsync(options, settings);

        await harness.RunForAsync(TimeSpan.FromMinutes(9));
        var live = harness.Scrape();
        await harness.RunForAsync(TimeSpan.FromMinutes(5));
        return (live, harness.Scrape());
    }
}
