using Vbrick.Exporter.Tests.Support;
using Vbrick.Rev.Simulator;
using Vbrick.Rev.Simulator.Audience;
using Vbrick.Rev.Simulator.Faults;
using static Vbrick.Exporter.Tests.Support.SimulatorScenarios;

namespace Vbrick.Exporter.Tests.Polling;

public sealed class RealtimeSweepTests
{
    [Fact]
    public async Task PollOnce_ThreePageEvent_PublishesTheSweepOnlyAfterTheLastPage()
    {
        await using var harness = await ExporterHarness.StartAsync(OneEvent(1_700));
        var snapshotAt = harness.Time.GetUtcNow();

        await harness.RunForAsync(TimeSpan.FromSeconds(31));
        var midSweep = harness.Scrape();
        await harness.RunForAsync(TimeSpan.FromSeconds(30));
        var done = harness.Scrape();

        Assert.Null(midSweep.Value("vbrick_webcast_attendees"));
        Assert.NotNull(midSweep.Value("vbrick_webcast_audience", ("role", "attendee")));
        Assert.True(midSweep.Value("vbrick_webcast_sweep_progress_ratio") > 0.5);
        var truth = harness.Simulator.Audience(SmallEventId).RecordsAt(snapshotAt).ToList();
        Assert.Equal(truth.Count(r => r.IsOnline), done.Value("vbrick_webcast_attendees", ("status", "online")));
        Assert.Equal(truth.Count(r => !r.IsOnline), done.Value("vbrick_webcast_attendees", ("status", "offline")) ?? 0);
        Assert.Equal(1.0, done.Value("vbrick_webcast_sweep_coverage_ratio"));
        Assert.Equal(3, harness.Simulator.Stats.Requests(FaultTarget.RealtimeAttendees));
        Assert.Equal(0, harness.Simulator.Stats.RateLimited);
    }

    [Fact]
    public async Task Sweep_PerZoneBreakdown_MatchesTheSimulatorsGroundTruthExactly()
    {
        await using var harness = await ExporterHarness.StartAsync(OneEvent(450));
        var snapshotAt = harness.Time.GetUtcNow();

        await harness.RunUntilSweepsAsync(SmallEventId, 1, TimeSpan.FromMinutes(2));

        var scrape = harness.Scrape();
        var truth = harness.Simulator.Audience(SmallEventId).RecordsAt(snapshotAt).Where(r => r.IsOnline)
            .GroupBy(r => (Zone: r.Zone ?? "unknown", r.StreamType, r.Browser));
        foreach (var group in truth)
        {
            Assert.Equal(group.Count(), scrape.Value("vbrick_webcast_attendees", ("zone", group.Key.Zone), ("stream_type", group.Key.StreamType), ("browser", group.Key.Browser), ("status", "online")));
            Assert.Equal(group.Count(r => r.BitrateKbps >= 0), scrape.Value("vbrick_webcast_attendee_bitrate_bytes_per_second_count", ("zone", group.Key.Zone), ("stream_type", group.Key.StreamType), ("browser", group.Key.Browser)));
            Assert.Equal(group.Sum(r => r.BitrateKbps * 125), scrape.Value("vbrick_webcast_attendee_bitrate_bytes_per_second_sum", ("zone", group.Key.Zone), ("stream_type", group.Key.StreamType), ("browser", group.Key.Browser)) ?? 0, 3);
        }
    }

    [Fact]
    public async Task Counters_AfterBaseline_AddExactlyEachSessionsIncreaseAndNeverDrop()
    {
        // 400 viewers fit one page, so each sweep is one snapshot at its request time.
        var options = new RevSimulatorOptions
        {
            RealtimeRequestsPerMinute = 2,
            Events = [LiveEvent(SmallEventId, 400, seed: 5, spike: new RebufferSpike("VPN", TimeSpan.FromMinutes(35), TimeSpan.FromMinutes(20)))],
        };
        options.Events[0].EarlyLeaverShare = 0.5;
        await using var harness = await ExporterHarness.StartAsync(options);
        var model = harness.Simulator.Audience(SmallEventId);
        var sweepTimes = new List<DateTimeOffset>();
        var previous = new Dictionary<string, double>();

        for (var step = 0; step < 120; step++)
        {
            await harness.RunForAsync(TimeSpan.FromSeconds(30));
            var scrape = harness.Scrape();

            foreach (var sample in scrape.Samples.Where(s => s.Name.EndsWith("_total", StringComparison.Ordinal)))
            {
                var key = sample.Name + string.Join(',', sample.Labels.OrderBy(l => l.Key).Select(l => l.Value));
                Assert.True(sample.Value >= previous.GetValueOrDefault(key), $"{key} went down");
                previous[key] = sample.Value;
            }
        }

        // Each sweep is one page here: it is the audience at the instant of its request.
        sweepTimes.AddRange(harness.Simulator.Stats.RealtimeRequestTimes);
        var expected = ExpectedIncrease(model, sweepTimes);
        var final = harness.Scrape();
        Assert.True(sweepTimes.Count > 100);
        Assert.True(expected.BufferingEvents > 0);
        Assert.Equal(expected.BufferingEvents, final.Value("vbrick_webcast_buffering_events_total"));
        Assert.Equal(expected.BufferingSeconds, final.Value("vbrick_webcast_buffering_seconds_total")!.Value, 6);
        Assert.Equal(expected.Errors, final.Value("vbrick_webcast_playback_errors_total"));
        Assert.Equal(expected.Failovers, final.Value("vbrick_webcast_multicast_failovers_total"));
        var vpnBuffering = final.Value("vbrick_webcast_buffering_events_total", ("zone", "VPN"));
        Assert.True(vpnBuffering > final.Value("vbrick_webcast_buffering_events_total", ("zone", "London HQ")));
    }

    [Fact]
    public async Task Sweep_CamelCaseKeys_GivesTheSameNumbersAsPascalCase()
    {
        var pascal = OneEvent(700);
        var camel = OneEvent(700);
        camel.AttendeeKeyCasing = KeyCasing.Camel;
        await using var a = await ExporterHarness.StartAsync(pascal);
        await using var b = await ExporterHarness.StartAsync(camel);

        await a.RunUntilSweepsAsync(SmallEventId, 1, TimeSpan.FromMinutes(2));
        await b.RunUntilSweepsAsync(SmallEventId, 1, TimeSpan.FromMinutes(2));

        var left = a.Scrape().Series("vbrick_webcast_attendees").Select(s => (string.Join(',', s.Labels.Values), s.Value)).Order().ToList();
        var right = b.Scrape().Series("vbrick_webcast_attendees").Select(s => (string.Join(',', s.Labels.Values), s.Value)).Order().ToList();
        Assert.NotEmpty(left);
        Assert.Equal(left, right);
    }

    [Fact]
    public async Task Sweep_LastPageCarriesAScrollIdAndAnEmptyPageEndsIt_StillCompletes()
    {
        var options = OneEvent(500);
        options.Dialect = options.Dialect with { ScrollEnd = ScrollEnd.EmptyPage };
        await using var harness = await ExporterHarness.StartAsync(options);

        await harness.RunUntilSweepsAsync(SmallEventId, 1, TimeSpan.FromMinutes(3));

        Assert.Equal(1.0, harness.Scrape().Value("vbrick_webcast_sweep_coverage_ratio"));
    }

    [Fact]
    public async Task Sweep_ScrollIdThatNeverChanges_CompletesAtRevsTotal()
    {
        var options = OneEvent(1_700);
        options.Dialect = options.Dialect with { ScrollIds = ScrollIds.Stable };
        await using var harness = await ExporterHarness.StartAsync(options);

        await harness.RunUntilSweepsAsync(SmallEventId, 2, TimeSpan.FromMinutes(5));

        Assert.Equal(1.0, harness.Scrape().Value("vbrick_webcast_sweep_coverage_ratio"));
        Assert.Equal(6, harness.Simulator.Stats.Requests(FaultTarget.RealtimeAttendees));
    }

    [Fact]
    public async Task Sweep_RevRepeatingTheSamePageForever_IsEndedNotLoopedOn()
    {
        await using var harness = await ExporterHarness.StartAsync(OneEvent(1_700));
        harness.Simulator.Faults.Add(new Fault(FaultTarget.RealtimeAttendees, FaultKind.RepeatPage) { OnlyContinuation = true, Times = 1_000 });

        await harness.RunForAsync(TimeSpan.FromMinutes(10));

        var scrape = harness.Scrape();
        Assert.Null(scrape.Value("vbrick_webcast_sweeps_total", ("outcome", "completed")));
        Assert.Equal(10, scrape.Value("vbrick_webcast_sweeps_total", ("outcome", "repeated_page")));
        Assert.Equal(1, scrape.Value("vbrick_webcast_up"));
    }

    [Fact]
    public async Task Sweep_LabelCapOfTwo_FoldsTheRestIntoOtherAndCountsThem()
    {
        await using var harness = await ExporterHarness.StartAsync(OneEvent(300), new Dictionary<string, string?> { ["Events:LabelValueCap"] = "2" });

        await harness.RunUntilSweepsAsync(SmallEventId, 1, TimeSpan.FromMinutes(2));

        var scrape = harness.Scrape();
        var zones = scrape.Series("vbrick_webcast_attendees").Select(s => s.Labels["zone"]).Distinct().ToList();
        Assert.Contains("other", zones);
        Assert.True(zones.Count(z => z is not "other" and not "unknown") <= 2);
        Assert.True(scrape.Value("vbrick_webcast_label_values_folded_total", ("label", "zone")) > 0);
        Assert.Equal(harness.Simulator.Audience(SmallEventId).RecordsAt(ExporterHarness.Epoch).Count(), scrape.Value("vbrick_webcast_attendees"));
    }

    internal sealed record Increase(double BufferingEvents, double BufferingSeconds, double Errors, double Failovers);

    /// <summary>The contract's counting rules applied to the simulator's own records at each sweep time.</summary>
    private static Increase ExpectedIncrease(AudienceModel model, List<DateTimeOffset> sweepTimes)
    {
        var known = new Dictionary<string, ViewerRecord>();
        double events = 0, seconds = 0, errors = 0, failovers = 0;
        for (var i = 0; i < sweepTimes.Count; i++)
        {
            foreach (var record in model.RecordsAt(sweepTimes[i]))
            {
                if (i > 0)
                {
                    known.TryGetValue(record.SessionId, out var old);
                    events += Delta(record.BufferingCount, old?.BufferingCount);
                    seconds += Delta(record.BufferingSeconds, old?.BufferingSeconds);
                    errors += Delta(record.Errors, old?.Errors);
                    failovers += Delta(record.MulticastFailovers, old?.MulticastFailovers);
                }

                known[record.SessionId] = record;
            }
        }

        return new Increase(events, seconds, errors, failovers);

        static double Delta(double now, double? before) => before is { } b && now >= b ? now - b : now;
    }
}
