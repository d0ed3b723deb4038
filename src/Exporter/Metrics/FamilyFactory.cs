using Prometheus;

namespace Vbrick.Exporter.Metrics;

/// <summary>
/// Creates each instrument on the served registry, or, when <c>Metrics:Exclude</c> leaves its
/// family out, on a registry nothing reads: the code that updates and removes series stays the
/// same, and the family is simply never written to <c>/metrics</c> or OTLP.
/// </summary>
internal sealed class FamilyFactory(CollectorRegistry served, IReadOnlyCollection<string> excluded)
{
    private readonly IMetricFactory _served = Prometheus.Metrics.WithCustomRegistry(served);
    private readonly IMetricFactory _unserved = Prometheus.Metrics.WithCustomRegistry(Prometheus.Metrics.NewCustomRegistry());
    private readonly bool _histogramsExcluded = excluded.Contains(MetricsOptions.Histograms);

    public bool IsServed(string name, bool histogram = false) => !excluded.Contains(name) && !(histogram && _histogramsExcluded);

    public Gauge CreateGauge(string name, string help, params string[] labelNames) => Pick(name, false).CreateGauge(name, help, labelNames);

    public Counter CreateCounter(string name, string help, params string[] labelNames) => Pick(name, false).CreateCounter(name, help, labelNames);

    public Histogram CreateHistogram(string name, string help, HistogramConfiguration configuration) => Pick(name, true).CreateHistogram(name, help, configuration);

    private IMetricFactory Pick(string name, bool histogram) => IsServed(name, histogram) ? _served : _unserved;
}
