using Vbrick.Exporter.Tests.Support;
using Vbrick.Rev.Simulator;
using static Vbrick.Exporter.Tests.Support.SimulatorScenarios;

namespace Vbrick.Exporter.Tests.Polling;

/// <summary>
/// The schedule under Rev's real limits: 2 real-time requests a minute, a scroll lifetime of 60 s
/// (two slots) or other values the exporter must learn, several live webcasts at once.
/// </summary>
public sealed class FreshnessTests
{
    private const string SpikeZone = "Oslo Office";

    [Fact]
    public async Task ThreeWebcasts_SixtySecondScrolls_EveryBreakdownWithinTenMinutes_ExactAndNoScrollExpires()
    {
        var options = new RevSimulatorOptions
        {
            RealtimeRequestsPerMinute = 2,
            ScrollLifetime = TimeSpan.FromSeconds(60),
            Events = [LiveEvent(SmallEventId, 2_400, seed: 1), LiveEvent(LargeEventId, 1_200, seed: 2), LiveEvent(ThirdEventId, 450, seed: 4)],
        };
        await using var harness = await ExporterHarness.StartAsync(options);
        var ids = new[] { SmallEventId, LargeEventId, ThirdEventId };

        await harness.RunForAsync(TimeSpan.FromMinutes(10));
        var first = harness.Scrape();
        foreach (var id in ids)
        {
            Assert.True(first.Value("vbrick_webcast_sweeps_total", ("event_id", id), ("outcome", "completed")) >= 1, $"{id} has no breakdown after 10 minutes");
            Assert.Equal(1, first.Value("vbrick_webcast_realtime_mode", ("event_id", id), ("mode", "full")));
        }

        // Every minute for the next 50: no event-wide figures older than the 5-minute bound.
        var worstAge = TimeSpan.Zero;
        for (var minute = 0; minute < 50; minute++)
        {
            await harness.RunForAsync(TimeSpan.FromMinutes(1));
            var scrape = harness.Scrape();
            var now = harness.Time.GetUtcNow().ToUnixTimeSeconds();
            foreach (var id in ids)
            {
                var age = TimeSpan.FromSeconds(now - scrape.Value("vbrick_webcast_figures_timestamp_seconds", ("event_id", id))!.Value);
                worstAge = age > worstAge ? age : worstAge;
            }
        }

        Assert.True(worstAge <= TimeSpan.FromMinutes(5), $"figures reached {worstAge} old");
        var end = harness.Scrape();
        Assert.Equal(0, harness.Simulator.Stats.ScrollsExpired);
        Assert.Equal(0, end.Value("vbrick_webcast_sweeps_total", ("outcome", "scroll_restart")) ?? 0);
        Assert.Equal(0, harness.Simulator.Stats.RateLimited);
        Assert.True(harness.Simulator.Stats.MaxRealtimeRequestsInAnyMinute() <= 2);

        // Each published breakdown is the exact audience at its sweep's snapshot.
        foreach (var id in ids)
        {
            var finishedAt = end.Value("vbrick_webcast_sweep_timestamp_seconds", ("event_id", id))!.Value;
            var duration = end.Value("vbrick_webcast_sweep_duration_seconds", ("event_id", id))!.Value;
            var snapshotAt = DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round((finishedAt - duration) * 1000));
            var truth = harness.Simulator.Audience(id).RecordsAt(snapshotAt).Where(r => r.IsOnline).GroupBy(r => r.Zone ?? "unknown");
            foreach (var zone in truth)
            {
                Assert.Equal(zone.Count(), end.Series("vbrick_webcast_attendees", ("event_id", id), ("zone", zone.Key), ("status", "online")).Sum(s => s.Value));
            }
        }
    }

    // Town-hall size (100,000 viewers, 20 to 30 s of CPU): the slow tier; the fast tier keeps the 10,000- and 50,000-viewer scenarios.
    [Trait(Tier.Name, Tier.Slow)]
    [Theory]
    [InlineData(60)]
    [InlineData(300)]
    public async Task HundredThousandViewers_SpikeInAFivePercentZone_CrossesTheAlertThresholdWithinFiveMinutes(int lifetimeSeconds)
    {
        var onset = TimeSpan.FromMinutes(45);
        var spiked = LiveEvent(SmallEventId, 100_000, seed: 9, spike: new RebufferSpike(SpikeZone, onset, TimeSpan.FromMinutes(20), AffectedShare: 0.5));
        spiked.Zones = [(SpikeZone, 0.05, true), ("London HQ", 0.35, true), ("New York Office", 0.25, true), ("VPN", 0.15, false), ("Home / Internet", 0.20, false)];
        var lifetime = TimeSpan.FromSeconds(lifetimeSeconds);
        var options = new RevSimulatorOptions { RealtimeRequestsPerMinute = 2, ScrollLifetime = lifetime, Events = [spiked] };
        await using var harness = await ExporterHarness.StartAsync(options, new Dictionary<string, string?> { ["Rev:ScrollLifetime"] = lifetime.ToString() });

        // The event started 30 minutes before the harness's epoch: the spike begins 15 minutes in.
        await harness.RunForAsync(TimeSpan.FromMinutes(15));
        var before = harness.Scrape();
        Assert.Equal(1, before.Value("vbrick_webcast_realtime_mode", ("mode", "sampled")));
        Assert.All(before.Series("vbrick_webcast_zone_rebuffering_ratio"), s => Assert.True(s.Value < 0.4, $"{s.Key} = {s.Value} before the spike"));

        TimeSpan? crossedAfter = null;
        for (var step = 1; step <= 20 && crossedAfter is null; step++)
        {
            await harness.RunForAsync(TimeSpan.FromSeconds(15));
            var scrape = harness.Scrape();
            if (scrape.Value("vbrick_webcast_zone_rebuffering_ratio", ("zone", SpikeZone)) > 0.4
                && scrape.Value("vbrick_webcast_zone_quality_sample_sessions", ("zone", SpikeZone)) >= 20)
            {
                crossedAfter = TimeSpan.FromSeconds(15 * step);
                foreach (var other in scrape.Series("vbrick_webcast_zone_rebuffering_ratio").Where(s => s.Labels["zone"] != SpikeZone))
                {
                    Assert.True(other.Value < 0.4, $"{other.Key} = {other.Value}: a healthy zone crossed too");
                }
            }
        }

        Assert.True(crossedAfter is not null, "the spike never crossed the alert threshold within 5 minutes");
        var end = harness.Scrape();
        // The stable page holds about 25 of the zone's sessions; the zone-focused pages read hundreds.
        Assert.True(end.Value("vbrick_webcast_samples_total", ("kind", "zone")) >= 1, "no zone-focused sample was read");
        await harness.RunForAsync(TimeSpan.FromMinutes(3));
        var focused = harness.Scrape();
        Assert.True(focused.Value("vbrick_webcast_zone_quality_sample_sessions", ("zone", SpikeZone)) >= 200, $"{focused.Value("vbrick_webcast_zone_quality_sample_sessions", ("zone", SpikeZone))} sessions");
        Assert.True(focused.Value("vbrick_webcast_zone_rebuffering_ratio", ("zone", SpikeZone)) is > 0.45 and < 0.75);
        Assert.True(harness.Simulator.Stats.MaxRealtimeRequestsInAnyMinute() <= 2);
        Assert.Equal(0, harness.Simulator.Stats.ScrollsExpired);
        var figuresAge = harness.Time.GetUtcNow().ToUnixTimeSeconds() - focused.Value("vbrick_webcast_figures_timestamp_seconds")!.Value;
        Assert.True(figuresAge <= 300, $"event-wide figures {figuresAge} s old");
    }

    [Fact]
    public async Task TenThousandViewersAlone_WithLongSweepsOptedIn_SampledYetFullySweptEveryHalfHour_SamplesInBetween()
    {
        // 18 pages back to back is 9 minutes: longer than the quality window, within the
        // Polling:MaxSampledSweep this deployment opts into, so the event gets a breakdown at once and
        // every 30 minutes after (by default its head counts come from the census instead).
        await using var harness = await ExporterHarness.StartAsync(
            RevLimits(LiveEvent(SmallEventId, 10_000, seed: 5)),
            new Dictionary<string, string?> { ["Polling:MaxSampledSweep"] = "00:15:00" });

        await harness.RunForAsync(TimeSpan.FromMinutes(12));
        var first = harness.Scrape();
        Assert.Equal(1, first.Value("vbrick_webcast_realtime_mode", ("mode", "sampled")));
        Assert.Equal(1, first.Value("vbrick_webcast_sweeps_total", ("outcome", "completed")));
        var firstEnd = first.Value("vbrick_webcast_sweep_timestamp_seconds")!.Value;
        var samplesAfterFirst = first.Value("vbrick_webcast_samples_total", ("kind", "stable")) ?? 0;

        await harness.RunForAsync(TimeSpan.FromMinutes(38));
        var second = harness.Scrape();
        Assert.Equal(2, second.Value("vbrick_webcast_sweeps_total", ("outcome", "completed")));
        var secondStart = second.Value("vbrick_webcast_sweep_timestamp_seconds")!.Value - second.Value("vbrick_webcast_sweep_duration_seconds")!.Value;
        Assert.True(secondStart - firstEnd >= 30 * 60, $"second sweep started {secondStart - firstEnd} s after the first ended");
        var readsBetween = (second.Value("vbrick_webcast_samples_total", ("kind", "stable")) ?? 0) + (second.Value("vbrick_webcast_samples_total", ("kind", "zone")) ?? 0) - samplesAfterFirst - (first.Value("vbrick_webcast_samples_total", ("kind", "zone")) ?? 0);
        Assert.True(readsBetween >= 10, $"samples and census pages must run between sweeps ({readsBetween})");
        Assert.Equal(0, harness.Simulator.Stats.ScrollsExpired);
        Assert.True(harness.Simulator.Stats.MaxRealtimeRequestsInAnyMinute() <= 2);
    }

    [Fact]
    public async Task TenThousandViewers_ByDefault_NeverSweptBackToBack_EveryZoneCountedByTheCensusWithinOneAndAHalfFloors()
    {
        // A 9-minute sweep would age every head count by 9 minutes; the census re-counts each of the
        // default set's zones within 1.5 x its floor (5 zones x 30 s / (1 - 30 s / 5 min) = 167 s).
        await using var harness = await ExporterHarness.StartAsync(RevLimits(LiveEvent(SmallEventId, 10_000, seed: 5)));

        await harness.RunForAsync(TimeSpan.FromMinutes(25));
        var worst = 0.0;
        for (var i = 0; i < 20; i++)
        {
            await harness.RunForAsync(TimeSpan.FromSeconds(30));
            var scrape = harness.Scrape();
            var now = harness.Time.GetUtcNow().ToUnixTimeSeconds();
            foreach (var counted in scrape.Series("vbrick_webcast_zone_attendees_timestamp_seconds"))
            {
                worst = Math.Max(worst, now - counted.Value);
            }
        }

        var final = harness.Scrape();
        Assert.Equal(0, final.Value("vbrick_webcast_sweeps_total", ("outcome", "completed")) ?? 0);
        Assert.True(final.Series("vbrick_webcast_zone_attendees_timestamp_seconds").Count() >= 5);
        Assert.True(worst <= 1.5 * 167, $"a zone count was {worst} s old");
        Assert.True(harness.Simulator.Stats.MaxRealtimeRequestsInAnyMinute() <= 2);
    }

    // Several complete simulated events (5 to 20 s of CPU): the slow tier, so the fast one stays under two minutes.
    [Trait(Tier.Name, Tier.Slow)]
    [Fact]
    public async Task FiftyThousandViewers_SweepLongerThanMaxSampledSweep_NeverStarted_CensusAndSamplesShareTheSlots()
    {
        await using var harness = await ExporterHarness.StartAsync(RevLimits(LiveEvent(SmallEventId, 50_000, seed: 6)));

        await harness.RunForAsync(TimeSpan.FromMinutes(40));
        var scrape = harness.Scrape();
        Assert.Equal(0, scrape.Value("vbrick_webcast_sweeps_total", ("outcome", "completed")) ?? 0);
        // The stable page at least once a figures bound (its census pages keep the zones' quality read).
        Assert.True(scrape.Value("vbrick_webcast_samples_total", ("kind", "stable")) >= 8);
        Assert.True(scrape.Value("vbrick_webcast_samples_total", ("kind", "zone")) >= 10);
        Assert.True(harness.Time.GetUtcNow().ToUnixTimeSeconds() - scrape.Value("vbrick_webcast_figures_timestamp_seconds")!.Value <= 300);
        Assert.True(harness.Simulator.Stats.MaxRealtimeRequestsInAnyMinute() <= 2);
    }

    [Fact]
    public async Task TenantForgetsScrollsInTwentySeconds_LearnedAfterAtMostTwoExpiries_ThenOnlyAFewTriesAnHour()
    {
        // One slot is 30 s, longer than the tenant's lifetime: no continuation can ever arrive in
        // time, so after learning the exporter stops continuing and reads first pages only, trying
        // again after 2, 4, 8, 16 and 32 minutes in case Rev had only dropped its scrolls for a while.
        var options = new RevSimulatorOptions
        {
            RealtimeRequestsPerMinute = 2,
            ScrollLifetime = TimeSpan.FromSeconds(20),
            Events = [LiveEvent(SmallEventId, 1_200, seed: 1), LiveEvent(LargeEventId, 300, seed: 2)],
        };
        await using var harness = await ExporterHarness.StartAsync(options);

        await harness.RunForAsync(TimeSpan.FromMinutes(2));
        var learned = harness.Simulator.Stats.ScrollsExpired;
        Assert.InRange(learned, 1, 2);
        await harness.RunForAsync(TimeSpan.FromMinutes(58));

        var scrape = harness.Scrape();
        var firstHour = harness.Simulator.Stats.ScrollsExpired;
        Assert.InRange(firstHour, learned + 1, learned + 5);
        Assert.Equal(firstHour, scrape.Value("vbrick_webcast_sweeps_total", ("outcome", "scroll_restart")));
        Assert.Equal(30, scrape.Value("vbrick_exporter_scroll_lifetime_seconds"));

        // The one-page event is still fully swept; the three-page one keeps fresh figures.
        Assert.True(scrape.Value("vbrick_webcast_sweeps_total", ("event_id", LargeEventId), ("outcome", "completed")) >= 20);
        var age = harness.Time.GetUtcNow().ToUnixTimeSeconds() - scrape.Value("vbrick_webcast_figures_timestamp_seconds", ("event_id", SmallEventId))!.Value;
        Assert.True(age <= 300, $"figures {age} s old");

        // Then about one try an hour (and the configured lifetime relearned once).
        await harness.RunForAsync(TimeSpan.FromHours(1));
        Assert.InRange(harness.Simulator.Stats.ScrollsExpired - firstHour, 0, 3);
    }
}
