using System.Diagnostics;
using System.Net.Http.Json;
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
[Trait(Tier.Name, Tier.Slow)]
public sealed class AlertingEndToEndTests
{
    // The zone ratio needs two readings of the zone's sessions (its census page and the next, a
    // few minutes apart at 2 requests a minute), then the rule needs `for: 2m` and Prometheus's
    // 1-minute evaluation. The margin is for a loaded CI machine.
    private static readonly TimeSpan AlertDeadline = TimeSpan.FromMinutes(9);

    /// <summary>
    /// Panels that may be empty on the demo at Rev's rate, each with its reason; every other panel
    /// must have data. Keys are "dashboard / panel".
    /// </summary>
    private static readonly Dictionary<string, string> AllowedEmpty = new(StringComparer.Ordinal)
    {
        // The 4,000-viewer town hall (8 pages) is never swept at 2 requests a minute; the 700-viewer
        // kick-off (2 pages) is, but the zone drill-down shows the town hall's Singapore office.
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
    };

    [Fact]
    public async Task DemoSpike_ReachesAlertmanagerForTheRightZone_AndEveryDashboardQueryReturnsData()
    {
        var prometheusPath = Binary("prometheus");
        var alertmanagerPath = Binary("prometheus-alertmanager");
        var work = Directory.CreateTempSubdirectory("vbrick-e2e-");
        var (exporterPort, prometheusPort, alertmanagerPort) = (ExporterProcess.FreePort(), ExporterProcess.FreePort(), ExporterProcess.FreePort());
        var config = (await File.ReadAllTextAsync(Path.Combine(RepositoryFiles.Root, "deploy/compose/prometheus.yml"), TestContext.Current.CancellationToken))
            .Replace("exporter:9874", $"127.0.0.1:{exporterPort}", StringComparison.Ordinal)
            .Replace("alertmanager:9093", $"127.0.0.1:{alertmanagerPort}", StringComparison.Ordinal)
            .Replace("/etc/prometheus/vbrick-webcast.rules.yml", Path.Combine(RepositoryFiles.Root, "alerts/vbrick-webcast.rules.yml"), StringComparison.Ordinal);
        var configPath = Path.Combine(work.FullName, "prometheus.yml");
        await File.WriteAllTextAsync(configPath, config, TestContext.Current.CancellationToken);

        await using var exporter = ExporterProcess.Start(["--demo", "--urls", $"http://127.0.0.1:{exporterPort}", "--Demo:SpikeStartsAfterMinutes", "0"]);
        using var alertmanager = ExternalService.Start(alertmanagerPath,
            $"--config.file={Path.Combine(RepositoryFiles.Root, "alerts/alertmanager.yml")}", $"--storage.path={Path.Combine(work.FullName, "am")}",
            $"--web.listen-address=127.0.0.1:{alertmanagerPort}", "--cluster.listen-address=");
        using var prometheus = ExternalService.Start(prometheusPath,
            $"--config.file={configPath}", $"--storage.tsdb.path={Path.Combine(work.FullName, "tsdb")}", $"--web.listen-address=127.0.0.1:{prometheusPort}");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };

        try
        {
            var firing = await WaitForAlertmanagerAlertsAsync(http, alertmanagerPort);

            var alert = Assert.Single(firing);
            Assert.Equal("VbrickWebcastZoneRebufferingSpike", alert["labels"]!["alertname"]!.GetValue<string>());
            Assert.Equal("Singapore Office", alert["labels"]!["zone"]!.GetValue<string>());
            Assert.Equal("Global all-hands town hall", alert["labels"]!["title"]!.GetValue<string>());
            Assert.Equal("critical", alert["labels"]!["severity"]!.GetValue<string>());

            await WaitForSummaryAsync(http, prometheusPort);
            var empty = new List<string>();
            var panels = 0;
            foreach (var panel in DashboardQueries().GroupBy(q => $"{q.Dashboard} / {q.Panel}"))
            {
                panels++;
                var withData = 0;
                foreach (var (_, _, expr) in panel)
                {
                    withData += await QueryAsync(http, prometheusPort, expr) is { Count: > 0 } ? 1 : 0;
                }

                if (withData == 0)
                {
                    empty.Add(panel.Key);
                }
            }

            Assert.True(panels >= 40, $"{panels} panels");
            Assert.True(empty.All(AllowedEmpty.ContainsKey), "panels without data at Rev's rate: " + string.Join("; ", empty.Where(e => !AllowedEmpty.ContainsKey(e))));
            // For the record (BENCHMARKS-style evidence, not an assertion): which allowed panels were empty this run.
            Directory.CreateDirectory(Path.Combine(RepositoryFiles.Root, "artifacts"));
            await File.WriteAllLinesAsync(Path.Combine(RepositoryFiles.Root, "artifacts", "e2e-empty-panels.txt"), empty, TestContext.Current.CancellationToken);

            // By now the demo has run for minutes more: nothing else may even be pending.
            var others = await QueryAsync(http, prometheusPort, "ALERTS{alertname!=\"VbrickWebcastZoneRebufferingSpike\"}");
            Assert.True(others is { Count: 0 }, "other alerts: " + others?.ToJsonString());
            var spikes = await QueryAsync(http, prometheusPort, "ALERTS{alertname=\"VbrickWebcastZoneRebufferingSpike\"}");
            Assert.All(spikes!, s => Assert.Equal("Singapore Office", s!["metric"]!["zone"]!.GetValue<string>()));
        }
        finally
        {
            Stop(prometheus);
            Stop(alertmanager);
            work.Delete(recursive: true);
        }
    }

    private static Task<List<JsonNode>> WaitForAlertmanagerAlertsAsync(HttpClient http, int port) =>
        Eventually.ValueAsync(
            async () => (await http.GetFromJsonAsync<JsonArray>($"http://127.0.0.1:{port}/api/v2/alerts?active=true"))?.Select(a => a!).ToList() ?? [],
            alerts => alerts.Count > 0,
            AlertDeadline,
            "an alert to reach Alertmanager",
            every: TimeSpan.FromSeconds(5));

    private static Task WaitForSummaryAsync(HttpClient http, int port) =>
        Eventually.UntilAsync(
            async () => await QueryAsync(http, port, "vbrick_webcast_post_event_sessions_total") is { Count: > 0 } && await QueryAsync(http, port, "vbrick_webcast_poll_votes_total") is { Count: > 0 },
            TimeSpan.FromMinutes(5),
            "the demo's third event to be summarised",
            every: TimeSpan.FromSeconds(5));

    private static async Task<JsonArray?> QueryAsync(HttpClient http, int port, string expr)
    {
        var response = await http.GetFromJsonAsync<JsonObject>($"http://127.0.0.1:{port}/api/v1/query?query={Uri.EscapeDataString(expr)}");
        Assert.Equal("success", response!["status"]!.GetValue<string>());
        return response["data"]!["result"]!.AsArray();
    }

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

    private static string Binary(string name)
    {
        return RequiredTool.Find(name, "Debian's prometheus and prometheus-alertmanager packages have it", Path.Combine("/usr/bin", name));
    }

    private static void Stop(Process process)
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(10_000);
        }
    }
}
