using Prometheus;
using Vbrick.Exporter.Metrics;

namespace Vbrick.Exporter.Tests.Support;

/// <summary>Every sample name the exporter can expose, histogram series included.</summary>
public static class ExposedMetrics
{
    public static HashSet<string> Names()
    {
        var metrics = new ExporterMetrics(Prometheus.Metrics.NewCustomRegistry());
        return metrics.All.SelectMany(c => c is Histogram ? [c.Name + "_bucket", c.Name + "_sum", c.Name + "_count"] : new[] { c.Name }).ToHashSet();
    }
}
