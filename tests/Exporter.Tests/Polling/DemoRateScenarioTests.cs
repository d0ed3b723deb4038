using Vbrick.Exporter.Demo;
using Vbrick.Exporter.Tests.Support;
using Vbrick.Rev.Simulator.Faults;

namespace Vbrick.Exporter.Tests.Polling;

/// <summary>
/// The demo's three webcasts at Rev's real rate (2 real-time requests a minute, 60 s scrolls), on
/// fake time: what the alerting end-to-end test sees in 9 minutes of real time, in under a second.
/// </summary>
public sealed class DemoRateScenarioTests
{
    private const string SpikeZone = "Singapore Office";

    /// <summary>The 4,000-viewer town hall, whose Singapore office rebuffers (the kick-off has a Singapore office too).</summary>
    private const string TownHall = "6f1c2a9e-4d1b-4c55-9a57-2b1f0d3e7a01";

    /// <summary>
    /// The zone alert needs the ratio above 0.4 over 20 or more sessions for two minutes on end: once
    /// crossed, the ratio must stay published. A back-to-back sweep of the 6-page town hall left its
    /// stable page unread for four minutes (a scroll is a snapshot at its first page), and the ratio
    /// lapsed a minute after it first appeared. The town hall is still swept once at start-up (its
    /// breakdown), then once per <c>Polling:SampledSweepInterval</c>, never while a zone is suspect.
    /// Slow answers (Rev taking seconds per page) must not change that.
    /// </summary>
    [Theory]
    [InlineData(0)]
    [InlineData(2_000)]
    public async Task TheTownHallsSpike_CrossesWithinFiveMinutes_AndStaysPublishedLongEnoughToAlert(int answerMilliseconds)
    {
        var options = DemoMode.CreateSimulatorOptions(new DemoOptions { SpikeStartsAfterMinutes = 0 }, ExporterHarness.Epoch);
        await using var harness = await ExporterHarness.StartAsync(options, new Dictionary<string, string?>
        {
            ["Polling:Interval"] = "00:00:05",
            ["Polling:StatusInterval"] = "00:00:15",
        });
        if (answerMilliseconds > 0)
        {
            harness.Simulator.Faults.Add(new Fault(FaultTarget.RealtimeAttendees, FaultKind.Delay) { Delay = TimeSpan.FromMilliseconds(answerMilliseconds), Times = int.MaxValue });
        }

        TimeSpan? crossed = null;
        var history = new List<string>();
        for (var step = 1; step <= 40; step++)
        {
            await harness.RunForAsync(TimeSpan.FromSeconds(15));
            var scrape = harness.Scrape();
            var ratio = scrape.Value("vbrick_webcast_zone_rebuffering_ratio", ("event_id", TownHall), ("zone", SpikeZone));
            var sessions = scrape.Value("vbrick_webcast_zone_quality_sample_sessions", ("event_id", TownHall), ("zone", SpikeZone));
            history.Add($"{15 * step} s: {ratio?.ToString("0.##") ?? "absent"} over {sessions?.ToString() ?? "no"} sessions");
            var above = ratio > 0.4 && sessions >= 20;
            if (crossed is null && above)
            {
                crossed = TimeSpan.FromSeconds(15 * step);
            }
            else if (crossed is not null)
            {
                Assert.True(above, $"the ratio lapsed after crossing: {string.Join("; ", history)}");
            }
        }

        Assert.True(crossed <= TimeSpan.FromMinutes(5), $"crossed after {crossed}: {string.Join("; ", history)}");
        // Its breakdown at start-up, then the zone signal: no second sweep within the interval.
        Assert.Equal(1, harness.Scrape().Value("vbrick_webcast_sweeps_total", ("event_id", TownHall), ("outcome", "completed")));
        Assert.Equal(0, harness.Simulator.Stats.RateLimited);
        Assert.Equal(0, harness.Simulator.Stats.ScrollsExpired);
        Assert.True(harness.Simulator.Stats.MaxRealtimeRequestsInAnyMinute() <= 2);
    }
}
