using System.Text.RegularExpressions;
using Prometheus;
using Vbrick.Exporter.Aggregation;
using Vbrick.Exporter.Metrics;
using Vbrick.Exporter.Rev;
using Vbrick.Exporter.Tests.Support;

namespace Vbrick.Exporter.Tests.Metrics;

public sealed partial class MetricDocumentationTests
{
    [Fact]
    public void EveryInstrument_IsInTheReadmeMetricTable_AndEveryDocumentedMetricExists()
    {
        var metrics = new ExporterMetrics(Prometheus.Metrics.NewCustomRegistry());
        var defined = metrics.All.Select(c => c.Name).ToHashSet();
        // Every instrument an area holds, as a property or a private field, is one the model lists.
        object[] areas = [metrics, metrics.Budget, metrics.RevCalls, metrics.Service, metrics.Process];
        var held = areas.SelectMany(InstrumentsOf).Select(c => c.Name).ToHashSet();
        Assert.Equal(held.Order(), defined.Order());

        var documented = MetricRow().Matches(RepositoryFiles.Read(DocumentationFiles.MetricsFile)).Select(m => m.Groups["name"].Value).ToHashSet();

        Assert.True(defined.Count >= 30);
        Assert.Empty(defined.Except(documented));
        Assert.Empty(documented.Except(defined));
    }

    [Fact]
    public void EveryInstrument_FollowsPrometheusNaming()
    {
        var metrics = new ExporterMetrics(Prometheus.Metrics.NewCustomRegistry());

        foreach (var collector in metrics.All)
        {
            // The process and runtime figures keep the names every Prometheus user knows.
            Assert.Matches("^(vbrick_(webcast|exporter)_|process_|dotnet_)[a-z0-9_]+$", collector.Name);
            Assert.Equal(collector is Counter, collector.Name.EndsWith("_total", StringComparison.Ordinal));
            Assert.False(string.IsNullOrWhiteSpace(collector.Help));
            Assert.DoesNotContain(collector.LabelNames, l => l is "email" or "username" or "user_id" or "session_id" or "ip_address" or "user_agent" or "name");
        }
    }

    // The stability policy's mechanics: a family is deprecated in its HELP and in its row at once,
    // and the name it points to exists, so a rename never ships half-announced.
    [Fact]
    public void DeprecatedFamilies_AreMarkedInHelpAndInTheTable_AndNameAServedReplacement()
    {
        var metrics = new ExporterMetrics(Prometheus.Metrics.NewCustomRegistry());
        var docs = RepositoryFiles.Read(DocumentationFiles.MetricsFile);
        Assert.Contains("## Stability", docs, StringComparison.Ordinal);

        var inHelp = metrics.All.Where(c => c.Help.StartsWith("Deprecated: use ", StringComparison.Ordinal)).ToDictionary(c => c.Name, c => c.Help["Deprecated: use ".Length..].Split(' ', ',', ';')[0].Trim('`', '.'));
        var inDocs = MetricRow().Matches(docs).Where(m => docs[m.Index..docs.IndexOf('\n', m.Index)].Contains("Deprecated", StringComparison.Ordinal)).Select(m => m.Groups["name"].Value);

        Assert.Equal(inHelp.Keys.Order(StringComparer.Ordinal), inDocs.Order(StringComparer.Ordinal));
        var served = metrics.All.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        Assert.All(inHelp.Values, replacement => Assert.Contains(replacement, served));
    }

    // A typed label vocabulary is documented value by value on its family's row, so a new value
    // cannot ship without its meaning.
    [Fact]
    public void EveryTypedLabelValue_IsDocumentedOnItsFamilysRow()
    {
        var docs = RepositoryFiles.Read(DocumentationFiles.MetricsFile);
        string Row(string family) => docs.Split('\n').Single(line => line.StartsWith($"| `{family}` |", StringComparison.Ordinal));

        Assert.All(Enum.GetValues<InvalidRecordReason>(), r => Assert.Contains($"`{r.Label()}`", Row("vbrick_webcast_invalid_records_total"), StringComparison.Ordinal));
        Assert.All(Enum.GetValues<FoldedLabel>(), l => Assert.Contains($"`{l.Label()}`", Row("vbrick_webcast_label_values_folded_total"), StringComparison.Ordinal));
        Assert.All(Enum.GetValues<DurationField>(), f => Assert.Contains($"`{f.Label()}`", Row("vbrick_webcast_durations_past_session_age_total"), StringComparison.Ordinal));
        Assert.All(Enum.GetValues<RevErrorKind>().Select(FailureReason.Of).Append(FailureReason.Internal), r => Assert.Contains($"`{r.Label}`", Row("vbrick_webcast_request_failures_total"), StringComparison.Ordinal));
    }

    private static IEnumerable<Collector> InstrumentsOf(object area)
    {
        const System.Reflection.BindingFlags Instance = System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance;
        var values = area.GetType().GetProperties(Instance).Select(p => p.GetValue(area)).Concat(area.GetType().GetFields(Instance).Select(f => f.GetValue(area)));
        return values.Select(v => v is ExporterHistogram h ? h.Prometheus : v).OfType<Collector>();
    }

    [GeneratedRegex(@"^\| `(?<name>(vbrick|process|dotnet)_[a-z0-9_]+)` \|", RegexOptions.Multiline)]
    private static partial Regex MetricRow();
}
