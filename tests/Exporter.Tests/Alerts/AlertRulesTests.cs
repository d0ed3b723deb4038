using System.Text.RegularExpressions;
using Vbrick.Exporter.Tests.Host;
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
            Assert.Contains("alerts/README.md#" + alert.ToLowerInvariant(), rules, StringComparison.Ordinal);
        }
    }

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
