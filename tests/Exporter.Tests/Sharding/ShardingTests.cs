using System.Globalization;
using Vbrick.Exporter.Sharding;
using Vbrick.Exporter.Tests.Support;
using Vbrick.Rev.Simulator;
using static Vbrick.Exporter.Tests.Support.SimulatorScenarios;

namespace Vbrick.Exporter.Tests.Sharding;

public sealed class ShardingTests
{
    private static readonly string[] EventIds = [.. Enumerable.Range(1, 9).Select(i => $"{i:x8}-aaaa-4bbb-8ccc-{i:x12}")];

    [Fact]
    public async Task ThreeReplicas_WatchEachEventOnce_AndTheirUnionEqualsOneExporter()
    {
        var single = await RunAsync(replicas: 1, index: 0);
        var shards = new List<Scrape>();
        for (var index = 0; index < 3; index++)
        {
            shards.Add(await RunAsync(replicas: 3, index));
        }

        var owners = EventIds.ToDictionary(id => id, id => shards.Count(s => s.Samples.Any(x => x.Labels.TryGetValue("event_id", out var e) && e == id)));
        Assert.All(owners, o => Assert.Equal(1, o.Value));
        Assert.All(shards, s => Assert.True(s.Samples.Any(x => x.Labels.ContainsKey("event_id")), "every replica should own at least one of nine events"));

        var union = shards.SelectMany(EventSeries).OrderBy(s => s.Key, StringComparer.Ordinal).ToList();
        var expected = EventSeries(single).OrderBy(s => s.Key, StringComparer.Ordinal).ToList();
        Assert.Equal(expected.Select(s => s.Key), union.Select(s => s.Key));

        // Counts depend on the instants each replica's sweeps landed; identity and state do not.
        static bool Stable(KeyValuePair<string, double> s) => s.Key.StartsWith("vbrick_webcast_up{", StringComparison.Ordinal) || s.Key.StartsWith("vbrick_webcast_event_info{", StringComparison.Ordinal) || s.Key.StartsWith("vbrick_webcast_lifecycle_stage{", StringComparison.Ordinal);
        Assert.Equal(expected.Where(Stable), union.Where(Stable));
        Assert.Contains(expected, Stable);
    }

    [Fact]
    public async Task ReplicasSharingAnAccount_EachTakeTheirShareOfTheBudget()
    {
        var settings = Settings(replicas: 4, index: 1);
        settings.Remove("Sharding:BudgetShare");
        await using var harness = await ExporterHarness.StartAsync(Tenant(), settings);
        await harness.PollOnceAsync();
        var scrape = harness.Scrape();

        Assert.Equal(0.25, scrape.Value("vbrick_exporter_budget_share_ratio"));
        Assert.Equal(600 * 0.25, scrape.Value("vbrick_exporter_budget_limit_per_minute", ("family", "realtime_attendees")));
        Assert.Equal(1, scrape.Value("vbrick_exporter_shard_info", ("shard", "1"), ("replicas", "4")));
    }

    [Fact]
    public void Hash_IsStable_Even_AndMovesFewEventsWhenAReplicaIsAdded()
    {
        var ids = Enumerable.Range(0, 10_000).Select(i => new Guid(i, 7, 9, [1, 2, 3, 4, 5, 6, 7, 8]).ToString("D")).ToList();
        var three = ids.Select(id => ShardAssignment.ShardOf(id, 3)).ToList();
        var four = ids.Select(id => ShardAssignment.ShardOf(id, 4)).ToList();

        Assert.All(three.GroupBy(s => s), g => Assert.InRange(g.Count(), 3_000, 3_700));
        var moved = three.Zip(four).Count(p => p.First != p.Second);
        Assert.InRange(moved, 2_000, 3_000);
        Assert.Equal(ShardAssignment.ShardOf(ids[0].ToUpperInvariant(), 3), ShardAssignment.ShardOf("{" + ids[0] + "}", 3));
        Assert.Equal(1, ShardAssignment.ShardOf("6f1c2a9e-4d1b-4c55-9a57-2b1f0d3e7a01", 3) is >= 0 and < 3 ? 1 : 0);
    }

    [Theory]
    [InlineData("vbrick-exporter-2", true, 2)]
    [InlineData("exporter-0", true, 0)]
    [InlineData("exporter", false, 0)]
    [InlineData("exporter-abc", false, 0)]
    public void PodNameOrdinal_IsRead(string podName, bool found, int ordinal)
    {
        Assert.Equal(found, ShardingIndexFromPodName.TryReadOrdinal(podName, out var read));
        Assert.Equal(ordinal, read);
    }

    private static async Task<Scrape> RunAsync(int replicas, int index)
    {
        await using var harness = await ExporterHarness.StartAsync(Tenant(), Settings(replicas, index));
        await harness.RunForAsync(TimeSpan.FromMinutes(3));
        return harness.Scrape();
    }

    private static Dictionary<string, string?> Settings(int replicas, int index)
    {
        var settings = new Dictionary<string, string?>
        {
            // Separate simulators stand for separate accounts here, so each keeps its full budget
            // and the per-event cadence is the same as the single exporter's.
            ["Rev:RateLimits:RealtimeAttendeesPerMinute"] = "600",
            ["Rev:RateLimits:GetPerMinute"] = "600",
            ["Polling:Interval"] = "00:00:10",
            ["Sharding:Replicas"] = replicas.ToString(CultureInfo.InvariantCulture),
            ["Sharding:Index"] = index.ToString(CultureInfo.InvariantCulture),
            ["Sharding:BudgetShare"] = "1",
        };
        for (var i = 0; i < EventIds.Length; i++)
        {
            settings[$"Events:Ids:{i}"] = EventIds[i];
        }

        return settings;
    }

    private static RevSimulatorOptions Tenant() => new()
    {
        RealtimeRequestsPerMinute = null,
        Events = [.. EventIds.Select((id, i) => LiveEvent(id, 150 + (i * 40), seed: 40 + i))],
    };

    // The per-event series, minus the clocks (each replica's sweeps land at its own instants).
    private static IEnumerable<KeyValuePair<string, double>> EventSeries(Scrape scrape) =>
        scrape.Samples
            .Where(s => s.Labels.ContainsKey("event_id") && !s.Name.Contains("timestamp", StringComparison.Ordinal) && !s.Name.Contains("duration", StringComparison.Ordinal))
            .Select(s => KeyValuePair.Create(s.Key, s.Value));
}
