using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Vbrick.Exporter.Tests.Support;

namespace Vbrick.Exporter.Tests.Dashboards;

/// <summary>
/// The rules of Grafana's dashboard linter, enforced on every committed dashboard (the linter itself
/// cannot be installed here), plus the check that the JSON is what its source generates.
/// </summary>
public sealed partial class DashboardLintTests
{
    private static readonly string Folder = Path.Combine(RepositoryFiles.Root, "dashboards");

    public static TheoryData<string> Dashboards => new(Directory.GetFiles(Folder, "*.json").Where(f => !f.EndsWith("package.json", StringComparison.Ordinal) && !f.EndsWith("package-lock.json", StringComparison.Ordinal)).Select(Path.GetFileName)!);

    [Fact]
    public void Dashboards_AreTheFourExpectedWithStableUids()
    {
        var uids = Dashboards.Select(d => Load(d.Data)["uid"]!.GetValue<string>()).Order().ToList();

        Assert.Equal(["vbrick-exporter-health", "vbrick-live-overview", "vbrick-post-event-summary", "vbrick-zone-drilldown"], uids);
    }

    [Theory]
    [MemberData(nameof(Dashboards))]
    public void Templating_HasOneDatasourceVariableJobAndEventWithTitles_AndNoSavedCurrentValues(string file)
    {
        var variables = Load(file)["templating"]!["list"]!.AsArray().Select(v => v!.AsObject()).ToList();

        var datasource = Assert.Single(variables, v => v["type"]!.GetValue<string>() == "datasource");
        Assert.Equal("datasource", datasource["name"]!.GetValue<string>());
        Assert.Equal("prometheus", datasource["query"]!.GetValue<string>());
        Assert.Contains(variables, v => v["name"]!.GetValue<string>() == "job");
        var eventVariable = Assert.Single(variables, v => v["name"]!.GetValue<string>() == "event");
        Assert.Contains("vbrick_webcast_event_info", eventVariable["query"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("(?<text>", eventVariable["regex"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.All(variables, v => Assert.True(v["current"] is null || v["current"]!.ToJsonString() is "{}" or "null", $"{v["name"]} saves a current value"));
        if (file is "live-overview.json" or "zone-drilldown.json")
        {
            Assert.Contains(variables, v => v["name"]!.GetValue<string>() == "zone");
        }
    }

    [Theory]
    [MemberData(nameof(Dashboards))]
    public void EveryPanel_HasTitleDescriptionUnitAndTheDatasourceVariable(string file)
    {
        foreach (var panel in Panels(file))
        {
            var title = panel["title"]?.GetValue<string>();
            Assert.False(string.IsNullOrWhiteSpace(title), $"{file}: a panel has no title");
            Assert.False(string.IsNullOrWhiteSpace(panel["description"]?.GetValue<string>()), $"{file}/{title}: no description");
            Assert.False(string.IsNullOrWhiteSpace(panel["fieldConfig"]?["defaults"]?["unit"]?.GetValue<string>()), $"{file}/{title}: no unit");
            Assert.Equal("${datasource}", panel["datasource"]?["uid"]?.GetValue<string>());
            var targets = panel["targets"]!.AsArray().Select(t => t!).ToList();
            Assert.NotEmpty(targets);
            Assert.All(targets, t => Assert.Equal("${datasource}", t["datasource"]?["uid"]?.GetValue<string>()));
            Assert.Equal(targets.Count, targets.Select(t => t["refId"]!.GetValue<string>()).Where(r => r.Length > 0).Distinct().Count());
        }
    }

    [Theory]
    [MemberData(nameof(Dashboards))]
    public void EveryQuery_UsesRateIntervalAndReadsCountersOnlyThroughRateOrIncrease(string file)
    {
        foreach (var expr in Expressions(file))
        {
            foreach (Match window in RangeFunction().Matches(expr))
            {
                // A family observed once per complete sweep is read over a window that holds
                // several sweeps at Rev's rate; everything else over Grafana's own interval.
                var sweepFed = SweepFed().IsMatch(window.Value);
                Assert.True(
                    window.Groups["window"].Value == (sweepFed ? "15m" : "$__rate_interval"),
                    $"{file}: {window.Value} should read {(sweepFed ? "15m" : "$__rate_interval")}");
            }

            foreach (Match counter in CounterUse().Matches(expr))
            {
                var name = counter.Groups["name"].Value;
                var before = expr[..counter.Index];
                var function = EnclosingFunction(before);
                var summary = name.StartsWith("vbrick_webcast_post_event_", StringComparison.Ordinal) || name.StartsWith("vbrick_webcast_poll_", StringComparison.Ordinal) || name == "vbrick_webcast_comments_total";

                // Post-event counters hold Rev's final figures, set once: the one documented exception.
                Assert.True(
                    function is "rate" or "increase" || (summary && function == "max_over_time" && expr[counter.Index..].Contains("[$__range]", StringComparison.Ordinal)),
                    $"{file}: {name} is read through {function ?? "nothing"} in: {expr}");
            }
        }
    }

    [Fact]
    public async Task EveryQuery_IsValidPromQL()
    {
        var promtool = PromtoolLocator.Find();

        // promtool parses rule expressions: each query becomes a recording rule, variables made concrete.
        var rules = new StringBuilder("groups:\n  - name: dashboards\n    rules:\n");
        var index = 0;
        foreach (var expr in Dashboards.SelectMany(d => Expressions(d.Data).Concat(Annotations(d.Data).Select(a => a["expr"]!.GetValue<string>()))))
        {
            var concrete = expr.Replace("$__rate_interval", "5m", StringComparison.Ordinal).Replace("$__range", "1h", StringComparison.Ordinal);
            rules.Append("      - record: dashboard:query_").Append(index++).Append("\n        expr: '").Append(concrete.Replace("'", "''", StringComparison.Ordinal)).Append("'\n");
        }

        var path = Path.Combine(Path.GetTempPath(), $"dashboard-queries-{Guid.NewGuid():N}.yml");
        await File.WriteAllTextAsync(path, rules.ToString(), TestContext.Current.CancellationToken);
        var (exitCode, output) = await PromtoolLocator.RunAsync(promtool, "check rules " + path, string.Empty);
        File.Delete(path);

        Assert.True(index >= 30, $"{index} queries");
        Assert.True(exitCode == 0, output);
    }

    [Theory]
    [MemberData(nameof(Dashboards))]
    public void EachDashboard_LinksToTheOthers_MarksLifecycle_ShowsDemoData_AndEveryStatHasItsOwnThresholds(string file)
    {
        var dashboard = Load(file);

        var link = Assert.Single(dashboard["links"]!.AsArray())!;
        Assert.Equal("dashboards", link["type"]!.GetValue<string>());
        Assert.True(link["keepTime"]!.GetValue<bool>() && link["includeVars"]!.GetValue<bool>());
        var tags = dashboard["tags"]!.AsArray().Select(t => t!.GetValue<string>()).ToList();
        Assert.All(link["tags"]!.AsArray(), t => Assert.Contains(t!.GetValue<string>(), tags));

        Assert.Equal(["Event live", "Event ended"], Annotations(file).Select(a => a["name"]!.GetValue<string>()));
        Assert.Contains(Panels(file), p => p["targets"]!.AsArray().Any(t => t!["expr"]!.GetValue<string>().Contains("vbrick_exporter_demo", StringComparison.Ordinal)));

        // Grafana's default (green, red from 80) makes "Attendees now" red above 80 people.
        foreach (var stat in Panels(file).Where(p => p["type"]!.GetValue<string>() == "stat"))
        {
            var steps = stat["fieldConfig"]!["defaults"]!["thresholds"]?["steps"]?.AsArray();
            Assert.True(steps is not null, $"{file}/{stat["title"]}: no thresholds of its own");
            Assert.DoesNotContain(steps, s => s!["value"]?.GetValue<double>() == 80);
        }
    }

    [Fact]
    public async Task Layout_IsWhatGrafanaKeeps_NoPanelMovesOverlapsOrPassesColumn24()
    {
        if (!Directory.Exists(Path.Combine(Folder, "node_modules", "react-grid-layout")))
        {
            RequiredTool.Missing("the dashboards' npm packages are not installed (run `npm ci --prefix dashboards`)");
        }

        var start = new ProcessStartInfo("node", ["layout-check.mjs"]) { WorkingDirectory = Folder, RedirectStandardError = true, RedirectStandardOutput = true };
        using var node = Process.Start(start)!;
        var output = await node.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var errors = await node.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await node.WaitForExitAsync(TestContext.Current.CancellationToken);

        Assert.True(node.ExitCode == 0, errors);
        Assert.Equal(Dashboards.Count, Regex.Count(output, " panels, bottom at row "));
    }

    [Theory]
    [MemberData(nameof(Dashboards))]
    public void EachDashboard_HasRows_ASharedCrosshair_AndLegendsWithValues(string file)
    {
        var dashboard = Load(file);

        Assert.Equal(1, dashboard["graphTooltip"]!.GetValue<int>());
        var all = dashboard["panels"]!.AsArray().Select(p => p!).ToList();
        if (file != "exporter-health.json")
        {
            // The demo banner, then a row: every panel below sits in one.
            Assert.Equal("row", all[1]["type"]!.GetValue<string>());
        }

        foreach (var graph in Panels(file).Where(p => p["type"]!.GetValue<string>() == "timeseries"))
        {
            var legend = graph["options"]!["legend"]!;
            Assert.Equal("table", legend["displayMode"]!.GetValue<string>());
            Assert.Contains("lastNotNull", legend["calcs"]!.AsArray().Select(c => c!.GetValue<string>()));
        }
    }

    [Fact]
    public void LiveOverview_OpensOnTheHeadline_PerOfficeSortedNow_AndLinksEveryZoneToItsDrillDown()
    {
        var panels = Panels("live-overview.json").ToList();
        var headline = panels.Where(p => p["gridPos"]!["y"]!.GetValue<int>() < 16).Select(p => p["title"]!.GetValue<string>()).ToList();
        Assert.Contains("Viewers now", headline);
        Assert.Contains("Sessions rebuffering now", headline);
        Assert.Contains("Viewers per office", headline);

        var perOffice = Assert.Single(panels, p => p["title"]!.GetValue<string>() == "Viewers per office");
        Assert.Equal("bargauge", perOffice["type"]!.GetValue<string>());
        var target = Assert.Single(perOffice["targets"]!.AsArray())!;
        Assert.True(target["instant"]!.GetValue<bool>());
        Assert.StartsWith("sort_desc(", target["expr"]!.GetValue<string>(), StringComparison.Ordinal);

        // Every panel that breaks figures down by zone leads to that zone's drill-down.
        foreach (var byZone in panels.Where(p => p["targets"]!.AsArray().Any(t => t!["expr"]!.GetValue<string>().Contains("by (event_id, zone)", StringComparison.Ordinal))))
        {
            var link = Assert.Single(byZone["fieldConfig"]!["defaults"]!["links"]!.AsArray())!;
            var url = link["url"]!.GetValue<string>();
            Assert.StartsWith("/d/vbrick-zone-drilldown/?", url, StringComparison.Ordinal);
            Assert.Contains("var-event=${__field.labels.event_id}", url, StringComparison.Ordinal);
            Assert.Contains("var-zone=${__field.labels.zone:percentencode}", url, StringComparison.Ordinal);
        }

        // Rev's share only rises during an event: it is labelled cumulative, and "now" comes from the zones.
        Assert.Contains(panels, p => p["title"]!.GetValue<string>() == "Rev's cumulative rebuffering share");
        var now = Assert.Single(panels, p => p["title"]!.GetValue<string>() == "Sessions rebuffering now");
        Assert.Contains("vbrick_webcast_zone_quality_sample_sessions", now["targets"]![0]!["expr"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Dashboards))]
    public void AgeStats_LookOnlyAtLiveEvents(string file)
    {
        foreach (var panel in Panels(file).Where(p => p["type"]!.GetValue<string>() is "stat" or "bargauge"))
        {
            foreach (var expr in panel["targets"]!.AsArray().Select(t => t!["expr"]!.GetValue<string>()).Where(e => e.Contains("time() - vbrick_webcast_", StringComparison.Ordinal)))
            {
                Assert.Contains("and on (event_id) (vbrick_webcast_lifecycle_stage{", expr, StringComparison.Ordinal);
                Assert.Contains("stage=\"live\"} == 1)", expr, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void PostEventSummary_BarsAreInstant_AndStayTimeIsADistribution()
    {
        var panels = Panels("post-event-summary.json").ToList();
        foreach (var bars in panels.Where(p => p["type"]!.GetValue<string>() is "barchart" or "bargauge"))
        {
            Assert.All(bars["targets"]!.AsArray(), t => Assert.True(t!["instant"]?.GetValue<bool>() == true, $"{bars["title"]}: a range query"));
        }

        var stay = Assert.Single(panels, p => p["title"]!.GetValue<string>() == "How long people stayed");
        // Grafana turns cumulative buckets into per-bucket counts only in heatmap format.
        Assert.Equal("heatmap", stay["targets"]![0]!["format"]!.GetValue<string>());
    }

    [Fact]
    public void PostEventSummary_OpensOnARangeThatHoldsYesterdaysWebcast() =>
        Assert.Equal("now-2d", Load("post-event-summary.json")["time"]!["from"]!.GetValue<string>());

    [Fact]
    public void EveryMetricTheDashboardsName_IsOneTheExporterExposes()
    {
        var exposed = ExposedMetrics.Names();

        var named = Dashboards.SelectMany(d => Expressions(d.Data)).SelectMany(e => MetricName().Matches(e).Select(m => m.Value)).Distinct().ToList();

        Assert.True(named.Count >= 15);
        Assert.All(named, name => Assert.Contains(name, exposed));
    }

    [Fact]
    public async Task CommittedJson_IsWhatTheSourceGenerates()
    {
        if (!Directory.Exists(Path.Combine(Folder, "node_modules")))
        {
            RequiredTool.Missing("the dashboards' npm packages are not installed (run `npm ci --prefix dashboards`)");
        }

        var start = new ProcessStartInfo("node", ["generate.mjs", "--check"]) { WorkingDirectory = Folder, RedirectStandardError = true, RedirectStandardOutput = true };
        using var node = Process.Start(start)!;
        var errors = await node.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await node.WaitForExitAsync(TestContext.Current.CancellationToken);

        Assert.True(node.ExitCode == 0, errors);
    }

    private static JsonNode Load(string file) => JsonNode.Parse(File.ReadAllText(Path.Combine(Folder, file)))!;

    /// <summary>Every panel but the rows, which hold no query.</summary>
    private static IEnumerable<JsonNode> Panels(string file) => Load(file)["panels"]!.AsArray().Select(p => p!).Where(p => p["type"]!.GetValue<string>() != "row");

    private static IEnumerable<JsonNode> Annotations(string file) =>
        Load(file)["annotations"]!["list"]!.AsArray().Select(a => a!).Where(a => a["expr"] is not null);

    private static IEnumerable<string> Expressions(string file) =>
        Panels(file).SelectMany(p => p["targets"]!.AsArray()).Select(t => t!["expr"]!.GetValue<string>());

    /// <summary>The innermost function whose parenthesis is still open before the given point.</summary>
    private static string? EnclosingFunction(string before)
    {
        var depth = 0;
        for (var i = before.Length - 1; i >= 0; i--)
        {
            switch (before[i])
            {
                case ')': depth++; break;
                case '(' when depth > 0: depth--; break;
                case '(':
                    var match = FunctionName().Match(before[..i]);
                    if (match.Success && match.Value is not "by" and not "without" and not "on" and not "ignoring" and not "group_left" and not "group_right")
                    {
                        return match.Value;
                    }

                    break;
            }
        }

        return null;
    }

    [GeneratedRegex(@"vbrick_webcast_(attendee_(bitrate|bandwidth)_bytes_per_second_bucket|buffering_(events|seconds)_total|playback_errors_total|multicast_failovers_total)\b")]
    private static partial Regex SweepFed();

    [GeneratedRegex(@"\b(rate|increase|irate|delta)\((?:[^()]|\([^()]*\))*\[(?<window>[^\]]+)\]")]
    private static partial Regex RangeFunction();

    [GeneratedRegex(@"\b(?<name>vbrick_[a-z0-9_]+_total)\b")]
    private static partial Regex CounterUse();

    [GeneratedRegex(@"[a-z_]+\s*$")]
    private static partial Regex FunctionName();

    [GeneratedRegex(@"\bvbrick_(webcast|exporter)_[a-z0-9_]+")]
    private static partial Regex MetricName();
}
