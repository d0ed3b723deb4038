using Vbrick.Exporter.Tests.Support;
using Vbrick.Rev.Simulator;
using Vbrick.Rev.Simulator.Search;
using static Vbrick.Exporter.Tests.Support.SimulatorScenarios;

namespace Vbrick.Exporter.Tests.Polling;

/// <summary>
/// Head counts by zone, stream type and browser at Rev's real limits (2 real-time requests a
/// minute, scrolls kept 60 s), at the sizes users run: every published count is checked against
/// the simulator's ground truth at the time it says it was read.
/// </summary>
public sealed class CensusScenarioTests(ITestOutputHelper output)
{
    private const string SpikeZone = "Oslo Office";

    private static readonly string[] CountableZones = [.. TwentyZones.Where(z => z.Zone is not null && z.Weight >= 0.005).Select(z => z.Zone!)];

    // Town-hall size (100,000 viewers, 20 to 30 s of CPU): the slow tier; the fast tier keeps the 10,000- and 50,000-viewer scenarios.
    [Trait(Tier.Name, Tier.Slow)]
    [Fact]
    public async Task HundredThousandViewers_TwentyZones_EveryZoneExactWithinFifteenMinutes_AndKeptFresh_WhileTheZoneAlertStillFires()
    {
        // The event started 30 minutes before the epoch: the spike begins 33 minutes into the run,
        // once the first counts of every zone, stream type and browser are in.
        var onset = TimeSpan.FromMinutes(33);
        var townHall = TownHall(SmallEventId, 100_000, seed: 21, spike: new RebufferSpike(SpikeZone, TimeSpan.FromMinutes(30) + onset, TimeSpan.FromMinutes(20), AffectedShare: 0.5));
        await using var harness = await ExporterHarness.StartAsync(RevLimits(townHall));
        var audience = harness.Simulator.Audience(SmallEventId);
        var verified = new HashSet<string>(StringComparer.Ordinal);

        await harness.RunForAsync(TimeSpan.FromMinutes(15));
        var first = harness.Scrape();
        foreach (var zone in CountableZones)
        {
            Assert.True(first.Value("vbrick_webcast_zone_attendees", ("zone", zone)) is not null, $"{zone} has no head count after 15 minutes");
        }

        Assert.True(HeadCountTruth.AssertExact(first, audience, SmallEventId, verified) >= CountableZones.Length);

        TimeSpan? crossedAt = null;
        var worstZoneAge = TimeSpan.Zero;
        var worstFiguresAge = TimeSpan.Zero;
        Scrape? atThirty = null;
        for (var minute = 16; minute <= 45; minute++)
        {
            await harness.RunForAsync(TimeSpan.FromMinutes(1));
            var scrape = harness.Scrape();
            var now = harness.Time.GetUtcNow();
            HeadCountTruth.AssertExact(scrape, audience, SmallEventId, verified);
            foreach (var zone in CountableZones)
            {
                var age = HeadCountTruth.Age(scrape, "vbrick_webcast_zone_attendees", "zone", SmallEventId, zone, now)!.Value;
                worstZoneAge = age > worstZoneAge ? age : worstZoneAge;
            }

            var figures = now - DateTimeOffset.FromUnixTimeMilliseconds((long)(scrape.Value("vbrick_webcast_figures_timestamp_seconds")!.Value * 1000));
            worstFiguresAge = figures > worstFiguresAge ? figures : worstFiguresAge;
            if (crossedAt is null && TimeSpan.FromMinutes(minute) > onset
                && scrape.Value("vbrick_webcast_zone_rebuffering_ratio", ("zone", SpikeZone)) > 0.4
                && scrape.Value("vbrick_webcast_zone_quality_sample_sessions", ("zone", SpikeZone)) >= 20)
            {
                crossedAt = TimeSpan.FromMinutes(minute) - onset;
            }

            if (minute == 30)
            {
                atThirty = scrape;
                var at = harness.Time.GetUtcNow();
                foreach (var streamType in HeadCountTruth.OnlineBy(audience, at, n => n.StreamType).Keys)
                {
                    Assert.True(scrape.Value("vbrick_webcast_stream_type_attendees", ("stream_type", streamType)) is not null, $"stream type {streamType} has no count after 30 minutes");
                }

                foreach (var browser in HeadCountTruth.OnlineBy(audience, at, n => n.Browser).Keys)
                {
                    Assert.True(scrape.Value("vbrick_webcast_browser_attendees", ("browser", browser)) is not null, $"browser {browser} has no count after 30 minutes");
                }
            }
        }

        output.WriteLine($"100,000 viewers, 20 zones: worst zone count age {worstZoneAge}, worst figures age {worstFiguresAge}, spike crossed after {crossedAt}");
        Assert.True(worstZoneAge <= TimeSpan.FromMinutes(15), $"a zone count reached {worstZoneAge} old");
        Assert.True(worstFiguresAge <= TimeSpan.FromMinutes(5), $"event-wide figures reached {worstFiguresAge} old");
        Assert.True(crossedAt <= TimeSpan.FromMinutes(5), $"the spike crossed the alert threshold after {crossedAt?.ToString() ?? "never"}");

        Assert.NotNull(atThirty);
        var end = harness.Scrape();
        Assert.Equal(0, end.Value("vbrick_webcast_sweeps_total", ("outcome", "completed")) ?? 0);
        Assert.Equal(0, harness.Simulator.Stats.ScrollsExpired);
        Assert.Equal(0, harness.Simulator.Stats.RateLimited);
        Assert.True(harness.Simulator.Stats.MaxRealtimeRequestsInAnyMinute() <= 2);
    }

    // Town-hall size (100,000 viewers, 20 to 30 s of CPU): the slow tier; the fast tier keeps the 10,000- and 50,000-viewer scenarios.
    [Trait(Tier.Name, Tier.Slow)]
    [Fact]
    public async Task HundredThousandViewers_NoCompletedSweep_TheSpikingZonesCountersRise_AndNoZonesCounterPassesTheTruth()
    {
        var onset = TimeSpan.FromMinutes(15);
        var townHall = TownHall(SmallEventId, 100_000, seed: 71, spike: new RebufferSpike(SpikeZone, TimeSpan.FromMinutes(30) + onset, TimeSpan.FromMinutes(20), AffectedShare: 0.5));
        townHall.CounterRestartShare = 0;
        await using var harness = await ExporterHarness.StartAsync(RevLimits(townHall));
        var audience = harness.Simulator.Audience(SmallEventId);

        await harness.RunForAsync(onset);
        var before = harness.Scrape().Value("vbrick_webcast_buffering_events_total", ("zone", SpikeZone)) ?? 0;
        await harness.RunForAsync(TimeSpan.FromMinutes(10));
        var end = harness.Scrape();

        var rise = (end.Value("vbrick_webcast_buffering_events_total", ("zone", SpikeZone)) ?? 0) - before;
        Assert.Equal(0, end.Value("vbrick_webcast_sweeps_total", ("outcome", "completed")) ?? 0);
        Assert.True(rise >= 100, $"the spiking zone's buffering events rose by {rise}");

        // No counter passes what the sessions really added since the exporter began watching
        // (counters are monotone here): never an increase twice, never history before the baseline.
        var now = harness.Time.GetUtcNow();
        var bound = new Dictionary<string, (double Events, double Seconds)>(StringComparer.Ordinal);
        for (var i = 0; i < audience.Viewers; i++)
        {
            if (audience.Numbers(i, now) is not { } final)
            {
                continue;
            }

            var baseline = audience.Numbers(i, ExporterHarness.Epoch);
            var zone = string.IsNullOrWhiteSpace(final.Zone) ? "unknown" : final.Zone;
            var (events, seconds) = bound.GetValueOrDefault(zone);
            bound[zone] = (events + final.BufferingCount - (baseline?.BufferingCount ?? 0), seconds + final.BufferingSeconds - (baseline?.BufferingSeconds ?? 0));
        }

        foreach (var (zone, truth) in bound)
        {
            Assert.True((end.Value("vbrick_webcast_buffering_events_total", ("zone", zone)) ?? 0) <= truth.Events, $"{zone}: buffering events past the truth {truth.Events}");
            Assert.True((end.Value("vbrick_webcast_buffering_seconds_total", ("zone", zone)) ?? 0) <= truth.Seconds + 1e-6, $"{zone}: buffering seconds past the truth {truth.Seconds}");
        }
    }

    [Fact]
    public async Task ThreeTenThousandViewerWebcasts_EveryZoneOfEachCounted_NoneOlderThanTwentyMinutes()
    {
        var ids = new[] { SmallEventId, LargeEventId, ThirdEventId };
        var options = RevLimits(LiveEvent(SmallEventId, 10_000, seed: 31), LiveEvent(LargeEventId, 10_000, seed: 32), LiveEvent(ThirdEventId, 10_000, seed: 33));
        await using var harness = await ExporterHarness.StartAsync(options);
        var verified = ids.ToDictionary(id => id, _ => new HashSet<string>(StringComparer.Ordinal));

        await harness.RunForAsync(TimeSpan.FromMinutes(20));
        var worst = TimeSpan.Zero;
        for (var minute = 20; minute <= 50; minute += 2)
        {
            var scrape = harness.Scrape();
            var now = harness.Time.GetUtcNow();
            foreach (var id in ids)
            {
                var audience = harness.Simulator.Audience(id);
                HeadCountTruth.AssertExact(scrape, audience, id, verified[id]);
                foreach (var zone in HeadCountTruth.OnlineBy(audience, now, n => n.Zone).Keys.Where(z => z != "unknown"))
                {
                    var age = HeadCountTruth.Age(scrape, "vbrick_webcast_zone_attendees", "zone", id, zone, now);
                    Assert.True(age is not null, $"{id}: {zone} has no count after {minute} minutes");
                    worst = age!.Value > worst ? age.Value : worst;
                }
            }

            await harness.RunForAsync(TimeSpan.FromMinutes(2));
        }

        output.WriteLine($"3 x 10,000 viewers: worst zone count age {worst}");
        Assert.True(worst <= TimeSpan.FromMinutes(20), $"a zone count reached {worst} old");
        Assert.Equal(0, harness.Simulator.Stats.ScrollsExpired);
        Assert.Equal(0, harness.Simulator.Stats.RateLimited);
    }

    [Fact]
    public async Task TenThousandViewerWebcasts_EachGetsAPerZoneCountAndFigures_WithinTwelveMinutes_AndThePlannerSaysItRaisedTheBound()
    {
        var ids = Enumerable.Range(1, 10).Select(i => $"{i:x8}-0000-4000-8000-{i:x12}").ToArray();
        var options = RevLimits([.. ids.Select((id, i) => LiveEvent(id, 1_000, seed: 40 + i))]);
        await using var harness = await ExporterHarness.StartAsync(options);

        await harness.RunForAsync(TimeSpan.FromMinutes(12));
        var worstZone = TimeSpan.Zero;
        var worstFigures = TimeSpan.Zero;
        for (var minute = 12; minute <= 40; minute += 2)
        {
            var scrape = harness.Scrape();
            var now = harness.Time.GetUtcNow();
            foreach (var id in ids)
            {
                var audience = harness.Simulator.Audience(id);
                var zones = scrape.Series("vbrick_webcast_zone_attendees", ("event_id", id)).ToList();
                Assert.True(zones.Count > 0, $"{id} has no per-zone count after {minute} minutes");
                foreach (var zone in zones)
                {
                    var age = HeadCountTruth.Age(scrape, "vbrick_webcast_zone_attendees", "zone", id, zone.Labels["zone"], now)!.Value;
                    worstZone = age > worstZone ? age : worstZone;
                }

                var figures = now - DateTimeOffset.FromUnixTimeMilliseconds((long)(scrape.Value("vbrick_webcast_figures_timestamp_seconds", ("event_id", id))!.Value * 1000));
                worstFigures = figures > worstFigures ? figures : worstFigures;
            }

            await harness.RunForAsync(TimeSpan.FromMinutes(2));
        }

        var end = harness.Scrape();
        foreach (var id in ids)
        {
            HeadCountTruth.AssertExact(end, harness.Simulator.Audience(id), id);
        }

        output.WriteLine($"10 x 1,000 viewers: worst zone count age {worstZone}, worst figures age {worstFigures}");
        Assert.True(worstZone <= TimeSpan.FromMinutes(12), $"a zone count reached {worstZone} old");
        Assert.True(worstFigures <= TimeSpan.FromMinutes(12), $"figures reached {worstFigures} old");
        Assert.True(end.Value("vbrick_exporter_figures_bound_seconds") > 300, "the bound was not raised");
        Assert.Contains("cannot all be read within Polling:MaxFiguresAge", harness.Logs.AllText(LogLevel.Warning), StringComparison.Ordinal);
        Assert.Equal(0, harness.Simulator.Stats.ScrollsExpired);
    }

    // Several complete simulated events (5 to 20 s of CPU): the slow tier, so the fast one stays under two minutes.
    [Trait(Tier.Name, Tier.Slow)]
    [Theory]
    [InlineData(QueryMatchRule.Substring)]
    [InlineData(QueryMatchRule.Words)]
    [InlineData(QueryMatchRule.Exact)]
    [InlineData(QueryMatchRule.Ignored)]
    public async Task UnderEachQueryMatchRule_NoPublishedHeadCountIsWrong(QueryMatchRule rule)
    {
        var options = RevLimits(TownHall(SmallEventId, 20_000, seed: 51));
        options.QueryMatchRule = rule;
        await using var harness = await ExporterHarness.StartAsync(options);
        var audience = harness.Simulator.Audience(SmallEventId);
        var verified = new HashSet<string>(StringComparer.Ordinal);

        for (var minute = 5; minute <= 40; minute += 5)
        {
            await harness.RunForAsync(TimeSpan.FromMinutes(5));
            HeadCountTruth.AssertExact(harness.Scrape(), audience, SmallEventId, verified);
        }

        var end = harness.Scrape();
        var counted = end.Series("vbrick_webcast_zone_attendees").Select(s => s.Labels["zone"]).ToHashSet(StringComparer.Ordinal);
        var plausible = end.Series("vbrick_exporter_search_rule_plausible", ("dimension", "zone")).Where(s => s.Value == 1).Select(s => s.Labels["rule"]).ToList();
        switch (rule)
        {
            case QueryMatchRule.Substring or QueryMatchRule.Exact:
                // Every zone is countable: by Rev's total where no other zone can match, by the
                // sorted page where one can (London, inside HQ London, fits a page).
                Assert.All(CountableZones, zone => Assert.Contains(zone, counted));
                Assert.DoesNotContain("ignored", plausible);
                Assert.DoesNotContain("words", plausible);
                break;
            case QueryMatchRule.Words:
                // Offices share "Office": their totals count each other, so only what a page proves is published.
                Assert.True(end.Value("vbrick_webcast_head_counts_uncounted", ("dimension", "zone")) > 0);
                Assert.Contains("VPN", counted);
                Assert.DoesNotContain("exact", plausible);
                Assert.DoesNotContain("substring", plausible);
                break;
            case QueryMatchRule.Ignored:
                Assert.Equal(["ignored"], plausible);
                Assert.True(end.Value("vbrick_webcast_head_counts_uncounted", ("dimension", "zone")) > 0);
                break;
        }
    }
}
