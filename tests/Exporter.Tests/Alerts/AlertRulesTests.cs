using System.Text.RegularExpressions;
using Vbrick.Exporter.Tests.Support;

namespace Vbrick.Exporter.Tests.Alerts;

public sealed partial class AlertRulesTests
{
    private static readonly string AlertsDirectory = Path.Combine(RepositoryFiles.Root, "alerts");

    [Fact]
    public async Task Rules_PassPromtoolCheck()
    {
        var promtool = PromtoolOrSkip();

        var (exitCode, output) = await PromtoolLocator.RunAsync(promtool, "check rules " + Path.Combine(AlertsDirectory, "vbrick-webcast.rules.yml"), string.Empty);

        Assert.True(exitCode == 0, output);
        Assert.Contains("SUCCESS", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rules_PassEveryPromtoolUnitTest()
    {
        var promtool = PromtoolOrSkip();
        var tests = Directory.GetFiles(Path.Combine(AlertsDirectory, "tests"), "*.test.yml");

        var (exitCode, output) = await PromtoolLocator.RunAsync(promtool, "test rules " + string.Join(' ', tests.Select(Path.GetFileName)), string.Empty, Path.Combine(AlertsDirectory, "tests"));

        Assert.True(tests.Length >= 3);
        Assert.True(exitCode == 0, output);
        Assert.DoesNotContain("FAILED", output, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryAlert_IsUnitTestedAndHasARunbookSection()
    {
        var rules = File.ReadAllText(Path.Combine(AlertsDirectory, "vbrick-webcast.rules.yml"));
        var tests = string.Join('\n', Directory.GetFiles(Path.Combine(AlertsDirectory, "tests"), "*.test.yml").Select(File.ReadAllText));
        var runbook = File.ReadAllText(Path.Combine(AlertsDirectory, "README.md"));

        var alerts = AlertName().Matches(rules).Select(m => m.Groups["name"].Value).ToList();

        Assert.True(alerts.Count >= 10);
        foreach (var alert in alerts)
        {
            Assert.Contains($"alertname: {alert}\n        exp_alerts:\n          - exp_labels", tests, StringComparison.Ordinal);
            Assert.Contains($"alertname: {alert}\n        exp_alerts: []", tests, StringComparison.Ordinal);
            Assert.Contains("## " + alert, runbook, StringComparison.Ordinal);
            Assert.Contains($"runbook_url: \"{RunbookBaseUrl}#{alert.ToLowerInvariant()}\"", rules, StringComparison.Ordinal);
        }

        // Alertmanager and its receivers show runbook_url as a link: it must be absolute.
        Assert.StartsWith("https://", RunbookBaseUrl, StringComparison.Ordinal);
        Assert.EndsWith("alerts/README.md", RunbookBaseUrl, StringComparison.Ordinal);
        Assert.DoesNotContain("runbook_url: \"alerts/", rules, StringComparison.Ordinal);
    }

    // Each alert's notification leads to the dashboard that explains it: a zone's alert to that
    // zone's drill-down with the event and zone filled in, an event's to the overview of it, the
    // exporter's own to the health dashboard; the Grafana address is the mixin config's.
    [Fact]
    public void EveryAlert_LinksToTheDashboardOfWhatItIsAbout()
    {
        var rules = new YamlDotNet.RepresentationModel.YamlStream();
        rules.Load(new StringReader(File.ReadAllText(Path.Combine(AlertsDirectory, "vbrick-webcast.rules.yml"))));
        var grafana = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryFiles.Root, "mixin.json"))).RootElement.GetProperty("grafanaUrl").GetString()!;
        var uids = Directory.GetFiles(Path.Combine(RepositoryFiles.Root, "dashboards"), "*.json").Where(f => !Path.GetFileName(f).StartsWith("package", StringComparison.Ordinal))
            .Select(f => System.Text.Json.JsonDocument.Parse(File.ReadAllText(f)).RootElement.GetProperty("uid").GetString()).ToHashSet();

        var alerts = ((YamlDotNet.RepresentationModel.YamlMappingNode)rules.Documents[0].RootNode)["groups"].AllNodes
            .OfType<YamlDotNet.RepresentationModel.YamlMappingNode>()
            .Where(n => n.Children.ContainsKey("alert")).ToList();
        Assert.True(alerts.Count >= 10);
        foreach (var alert in alerts)
        {
            var name = alert["alert"].ToString();
            var annotations = (YamlDotNet.RepresentationModel.YamlMappingNode)alert["annotations"];
            var url = annotations["dashboard_url"].ToString();
            var about = annotations["summary"] + " " + annotations["description"];
            Assert.StartsWith(grafana + "/d/", url, StringComparison.Ordinal);
            Assert.Contains(url[(grafana.Length + 3)..url.IndexOf("/?", StringComparison.Ordinal)], uids);
            if (about.Contains("$labels.zone", StringComparison.Ordinal))
            {
                Assert.Equal($"{grafana}/d/vbrick-zone-drilldown/?var-event={{{{ $labels.event_id | urlquery }}}}&var-zone={{{{ $labels.zone | urlquery }}}}", url);
            }
            else if (about.Contains("$labels.event_id", StringComparison.Ordinal))
            {
                Assert.Equal($"{grafana}/d/vbrick-live-overview/?var-event={{{{ $labels.event_id | urlquery }}}}", url);
            }
            else
            {
                Assert.True(url.StartsWith($"{grafana}/d/vbrick-exporter-health/", StringComparison.Ordinal), $"{name}: {url}");
            }
        }
    }

    [Fact]
    public async Task MixinConfig_OfADeployment_GeneratesItsOwnRulesAndDashboards()
    {
        var dashboards = Path.Combine(RepositoryFiles.Root, "dashboards");
        if (!Directory.Exists(Path.Combine(dashboards, "node_modules")))
        {
            RequiredTool.Missing("the dashboards' npm packages are not installed (run `npm ci --prefix dashboards`)");
        }

        var work = Directory.CreateTempSubdirectory("vbrick-mixin-");
        try
        {
            var config = System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(RepositoryFiles.Root, "mixin.json"), TestContext.Current.CancellationToken))!;
            config["jobSelector"] = "job=\"monitoring/vbrick-exporter\"";
            config["runbookBaseUrl"] = "https://wiki.example.test/runbooks/vbrick";
            config["dashboardTags"] = new System.Text.Json.Nodes.JsonArray("video", "town-hall");
            config["thresholds"]!["zoneRebufferingRatio"] = 0.3;
            var configPath = Path.Combine(work.FullName, "mine.json");
            await File.WriteAllTextAsync(configPath, config.ToJsonString(), TestContext.Current.CancellationToken);

            var start = new System.Diagnostics.ProcessStartInfo("node", ["generate.mjs", "--config", configPath, "--out", work.FullName]) { WorkingDirectory = dashboards, RedirectStandardError = true };
            using (var node = System.Diagnostics.Process.Start(start)!)
            {
                var errors = await node.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
                await node.WaitForExitAsync(TestContext.Current.CancellationToken);
                Assert.True(node.ExitCode == 0, errors);
            }

            var rules = await File.ReadAllTextAsync(Path.Combine(work.FullName, "vbrick-webcast.rules.yml"), TestContext.Current.CancellationToken);
            Assert.Contains("up{job=\"monitoring/vbrick-exporter\"} == 0 or absent(up{job=\"monitoring/vbrick-exporter\"})", rules, StringComparison.Ordinal);
            Assert.Contains("runbook_url: \"https://wiki.example.test/runbooks/vbrick#vbrickexporterdown\"", rules, StringComparison.Ordinal);
            Assert.Contains("vbrick_webcast_zone_rebuffering_ratio > 0.3", rules, StringComparison.Ordinal);
            Assert.DoesNotContain("%(", rules, StringComparison.Ordinal);
            Assert.Contains("\"video\"", await File.ReadAllTextAsync(Path.Combine(work.FullName, "dashboards", "live-overview.json"), TestContext.Current.CancellationToken), StringComparison.Ordinal);
            Assert.Contains("job=\"monitoring/vbrick-exporter\"", await File.ReadAllTextAsync(Path.Combine(work.FullName, "kubernetes", "prometheusrule.yaml"), TestContext.Current.CancellationToken), StringComparison.Ordinal);

            var (exitCode, output) = await PromtoolLocator.RunAsync(PromtoolOrSkip(), "check rules " + Path.Combine(work.FullName, "vbrick-webcast.rules.yml"), string.Empty);
            Assert.True(exitCode == 0, output);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static string RunbookBaseUrl =>
        System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryFiles.Root, "mixin.json")))!["runbookBaseUrl"]!.GetValue<string>();

    [Fact]
    public void EveryMetricTheRulesName_IsOneTheExporterExposes()
    {
        var exposed = ExposedMetrics.Names();
        var rules = File.ReadAllText(Path.Combine(AlertsDirectory, "vbrick-webcast.rules.yml"));

        var named = MetricName().Matches(rules).Select(m => m.Value).Distinct().ToList();

        Assert.NotEmpty(named);
        Assert.All(named, name => Assert.Contains(name, exposed));
    }

    private static string PromtoolOrSkip() => PromtoolLocator.Find();

    [GeneratedRegex(@"- alert: (?<name>\w+)")]
    private static partial Regex AlertName();

    [GeneratedRegex(@"\bvbrick_(webcast|exporter)_[a-z0-9_]+")]
    private static partial Regex MetricName();
}
