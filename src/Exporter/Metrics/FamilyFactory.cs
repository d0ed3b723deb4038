using Prometheus;

namespace Vbrick.Exporter.Metrics;

/// <summary>
/// Creates each instrument on the served registry, or, when <c>Metrics:Exclude</c> leaves its
/// family out, on a registry nothing reads: the code that updates and removes series stays the
/// same, and the family is simply never written to <c>/metrics</c> or OTLP. Every instrument made
/// here is listed in <see cref="All"/>, so none can escape event removal or the OTLP bridge.
/// </summary>
internal sealed class FamilyFactory(CollectorRegistry served, IReadOnlyCollection<string> excluded)
{
    private readonly IMetricFactory _served = Prometheus.Metrics.WithCustomRegistry(served);
    private readonly IMetricFactory _unserved = Prometheus.Metrics.WithCustomRegistry(Prometheus.Metrics.NewCustomRegistry());
    private readonly bool _histogramsExcluded = excluded.Contains(MetricsOptions.Histograms);
    private readonly List<Collector> _all = [];
    private readonly List<ExporterHistogram> _histograms = [];

    public IReadOnlyList<Collector> All => _all;

    public IReadOnlyList<ExporterHistogram> Histograms => _histograms;

    /// <summary>Set by the OTLP bridge when it starts; null when OTLP is off.</summary>
    public IHistogramMirror? HistogramMirror { get; set; }

    public bool IsServed(string name, bool histogram = false) => !excluded.Contains(name) && !(histogram && _histogramsExcluded);

    public Gauge CreateGauge(string name, string help, params string[] labelNames) => Track(Pick(name, false).CreateGauge(name, help, labelNames));

    public Counter CreateCounter(string name, string help, params string[] labelNames) => Track(Pick(name, false).CreateCounter(name, help, labelNames));

    public ExporterHistogram CreateHistogram(string name, string help, string[] labelNames, double[] buckets)
    {
        var prometheus = Track(Pick(name, true).CreateHistogram(name, help, new HistogramConfiguration { LabelNames = labelNames, Buckets = buckets }));
        var histogram = new ExporterHistogram(this, prometheus, buckets, labelNames, IsServed(name, histogram: true));
        _histograms.Add(histogram);
        return histogram;
    }

    private IMetricFactory Pick(string name, bool histogram) => IsServed(name, histogram) ? _served : _unserved;

    private T Track<T>(T collector)
        where T : Collector
    {
        _all.Add(collector);
        return collector;
    }
}
