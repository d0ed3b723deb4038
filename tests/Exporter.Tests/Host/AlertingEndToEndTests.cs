using System.Text.Json.Nodes;
using Vbrick.Exporter.Tests.Support;

namespace Vbrick.Exporter.Tests.Host;

/// <summary>
/// The product as a user runs it: the exporter in demo mode at Rev's real rate (2 real-time
/// requests a minute, the demo's default) with the rebuffering spike from the start, a real
/// Prometheus (Debian's package) scraping it every 15 s with the shipped rules, a real
/// Alertmanager. The rebuffering alert must reach Alertmanager for the Singapore office and nothing
/// else may fire; then every dashboard panel must have data on that Prometheus, but those named
/// in <see cref="AllowedEmpty"/> with the reason Rev's rate gives.
/// </summary>
// One at a time: side by side on 2 cores the real-rate demo missed its 9-minute alert deadline.
[Collection("AlertingStack")]
[Trait(Tier.Name, Tier.Slow)]
public sealed class AlertingEndToEndTests
{
    // The zone ratio needs two readings of the zone's sessions (the town hall's start-up sweep, then
    // its stable page and the suspect zone's census pages: about 4.5 minutes in, the same on fake time
    // in Polling/DemoRateScenarioTests), then the rule needs `for: 2m` and Prometheus's 1-minute
    // evaluation: the alert reached Alertmanager 6 m 51 s into the test. The margin is for a loaded CI machine.
    private static readonly TimeSpan AlertDeadline = TimeSpan.FromMinutes(9);

    /// <summary>
    /// Panels that may be empty on the demo at Rev's rate, each with its reason; every other panel
    /// must have data. Keys are "dashboard / panel".
    /// </summary>
    private static readonly Dictionary<string, string> AllowedEmpty = new(StringComparer.Ordinal)
    {
        // The 4,000-viewer town hall (6 pages, sampled) is swept once at start-up and then only every
        // Polling:SampledSweepInterval (30 minutes): a slow start (a loaded CI machine, a late first
        // scrape) can leave its breakdown out of these panels. The 700-viewer kick-off (2 pages) is
        // swept often, but the zone drill-down shows the town hall's Singapore office.
        ["zone-drilldown.json / Viewers in the zone by stream type and browser"] = "the town hall's zone x stream type x browser breakdown needs a complete sweep",
        ["zone-drilldown.json / Bitrate percentiles by stream type"] = "bitrate histograms are observed on complete sweeps only",
        ["zone-drilldown.json / Buffering share: zone against the rest"] = "buffering counters of the town hall come from sweeps",
        ["zone-drilldown.json / Errors and failovers per viewer and minute"] = "error counters of the town hall come from sweeps",

        // In the test's first 6 to 7 minutes at 2 requests a minute, the census spends its slots on
        // zones (the alert's signal) and the kick-off's 2-page sweep may not have completed (each
        // of its pages must come within the 60 s scroll lifetime, and a loaded CI machine delays
        // slots): stream type and browser counts, the breakdown and the bitrate histograms come
        // from that sweep. Measured on an idle machine, they appear 3 to 4 minutes in.
        ["live-overview.json / Viewers by stream type"] = "first counted by the kick-off's complete sweep or a later census page",
        ["live-overview.json / Viewers by browser"] = "first counted by the kick-off's complete sweep or a later census page",
        ["live-overview.json / Breakdown age"] = "no complete sweep of a live event yet",
        ["live-overview.json / Sweep coverage"] = "no complete sweep of a live event yet",
        ["live-overview.json / Bitrate percentiles"] = "bitrate histograms are observed on complete sweeps only",
        ["live-overview.json / Bandwidth percentiles"] = "bandwidth histograms are observed on complete sweeps only",
        ["live-overview.json / Bitrate heatmap"] = "bitrate histograms are observed on complete sweeps only",
        ["live-overview.json / Viewers by delivery"] = "delivery per zone is counted by complete sweeps only",
        ["live-overview.json / Unicast share in multicast zones"] = "delivery per zone is counted by complete sweeps only",
        ["live-overview.json / Peer mesh viewers by zone"] = "peer-mesh sessions per zone are counted by complete sweeps only",
    };

    [Fact]
    public async Task DemoSpike_ReachesAlertmanagerForTheRightZone_AndEveryDashboardQueryReturnsData()
    {
        await using var stack = await AlertingStack.StartAsync("--Demo:SpikeStartsAfterMinutes", "0");

        var firing = await stack.WaitForAlertmanagerAlertsAsync(AlertDeadline);

        var alert = Assert.Single(firing);
        Assert.Equal("VbrickWebcastZoneRebufferingSpike", alert["labels"]!["alertname"]!.GetValue<string>());
        Assert.Equal("Singapore Office", alert["labels"]!["zone"]!.GetValue<string>());
        Assert.Equal("Global all-hands town hall", alert["labels"]!["title"]!.GetValue<string>());
        Assert.Equal("critical", alert["labels"]!["severity"]!.GetValue<string>());

        await WaitForSummaryAsync(stack);
        var empty = new List<string>();
        var panels = 0;
        foreach (var panel in DashboardQueries().GroupBy(q => $"{q.Dashboard} / {q.Panel}"))
        {
            panels++;
            var withData = 0;
            foreach (var (_, _, expr) in panel)
            {
                withData += await stack.QueryAsync(expr) is { Count: > 0 } ? 1 : 0;
            }

            if (withData == 0)
            {
                empty.Add(panel.Key);
            }
        }

        Assert.True(panels >= 40, $"{panels} panels");
        Assert.True(empty.All(AllowedEmpty.ContainsKey), "panels without data at Rev's rate: " + string.Join("; ", empty.Where(e => !AllowedEmpty.ContainsKey(e))));

        // For the record (evidence, not an assertion): which allowed panels were empty this run.
        Directory.CreateDirectory(Path.Combine(RepositoryFiles.Root, "artifacts"));
        await File.WriteAllLinesAsync(Path.Combine(RepositoryFiles.Root, "artifacts", "e2e-empty-panels.txt"), empty, TestContext.Current.CancellationToken);

        // By now the demo has run for minutes more: nothing else may even be pending, the
        // unicast-in-multicast alert included (the demo's offices keep 70% on multicast).
        var others = await stack.QueryAsync("ALERTS{alertname!=\"VbrickWebcastZoneRebufferingSpike\"}");
        Assert.True(others is { Count: 0 }, "other alerts: " + others?.ToJsonString());
        var spikes = await stack.QueryAsync("ALERTS{alertname=\"VbrickWebcastZoneRebufferingSpike\"}");
        Assert.All(spikes!, s => Assert.Equal("Singapore Office", s!["metric"]!["zone"]!.GetValue<string>()));
    }

    private static Task WaitForSummaryAsync(AlertingStack stack) =>
        Eventually.UntilAsync(
            // The recording rules too: Prometheus evaluates them once per interval, so a summary
            // scraped a moment ago can still lack its offload ratio (one .ci/run saw exactly that).
            async () => await stack.QueryAsync("vbrick_webcast_post_event_sessions_total") is { Count: > 0 }
                && await stack.QueryAsync("vbrick_webcast_poll_votes_total") is { Count: > 0 }
                && await stack.QueryAsync("vbrick:webcast_post_event_offload_ratio") is { Count: > 0 },
            TimeSpan.FromMinutes(5),
            "the demo's third event to be summarised",
            every: TimeSpan.FromSeconds(5));

    /// <summary>Every panel's queries, with the dashboard variables made concrete for the demo.</summary>
    private static IEnumerable<(string Dashboard, string Panel, string Expr)> DashboardQueries()
    {
        foreach (var file in Directory.GetFiles(Path.Combine(RepositoryFiles.Root, "dashboards"), "*.json").Where(f => !Path.GetFileName(f).StartsWith("package", StringComparison.Ordinal)))
        {
            var dashboard = JsonNode.Parse(File.ReadAllText(file))!;
            var zone = Path.GetFileName(file) == "zone-drilldown.json" ? "Singapore Office" : ".+";
            foreach (var panel in dashboard["panels"]!.AsArray().Where(p => p!["type"]!.GetValue<string>() != "row"))
            {
                foreach (var target in panel!["targets"]!.AsArray())
                {
                    var expr = target!["expr"]!.GetValue<string>()
                        .Replace("$__rate_interval", "1m", StringComparison.Ordinal)
                        .Replace("$__range", "30m", StringComparison.Ordinal)
                        .Replace("$job", "vbrick", StringComparison.Ordinal)
                        .Replace("$event", ".+", StringComparison.Ordinal)
                        .Replace("$zone", zone, StringComparison.Ordinal);
                    yield return (Path.GetFileName(file), panel["title"]!.GetValue<string>(), expr);
                }
            }
        }
    }
}
