using Prometheus;

namespace Vbrick.Exporter.Metrics;

/// <summary>
/// A histogram of the exporter's model. prometheus-net keeps the buckets for <c>/metrics</c>; when
/// OTLP is on, every observation also reaches the mirror, because OpenTelemetry has no observable
/// histogram to read the buckets back from.
/// </summary>
public sealed class ExporterHistogram
{
    private readonly FamilyFactory _owner;

    internal ExporterHistogram(FamilyFactory owner, Histogram prometheus, double[] buckets, string[] labelNames, bool served)
    {
        _owner = owner;
        Served = served;
        Prometheus = prometheus;
        Buckets = buckets;
        LabelNames = labelNames;
    }

    public Histogram Prometheus { get; }

    /// <summary>False when <c>Metrics:Exclude</c> leaves this family out: nothing reaches OTLP either.</summary>
    public bool Served { get; }

    public string Name => Prometheus.Name;

    public string Help => Prometheus.Help;

    public IReadOnlyList<double> Buckets { get; }

    public IReadOnlyList<string> LabelNames { get; }

    /// <summary>True when the first label is <c>event_id</c>: its series go when the event is forgotten.</summary>
    public bool IsPerEvent => LabelNames.Count > 0 && LabelNames[0] == ExporterMetrics.EventId;

    public Child WithLabels(params string[] labelValues) => new(this, Prometheus.WithLabels(labelValues), labelValues);

    public readonly struct Child
    {
        private readonly ExporterHistogram _histogram;
        private readonly Histogram.Child _prometheus;
        private readonly string[] _labelValues;

        internal Child(ExporterHistogram histogram, Histogram.Child prometheus, string[] labelValues)
        {
            _histogram = histogram;
            _prometheus = prometheus;
            _labelValues = labelValues;
        }

        public void Observe(double value)
        {
            _prometheus.Observe(value);
            if (_histogram.Served)
            {
                _histogram._owner.HistogramMirror?.Record(_histogram, _labelValues, value);
            }
        }
    }
}

/// <summary>Receives every histogram observation of the model (the OTLP bridge).</summary>
public interface IHistogramMirror
{
    void Record(ExporterHistogram histogram, string[] labelValues, double value);

    /// <summary>Drops the event's histogram series, as <c>/metrics</c> does.</summary>
    void RemoveEvent(string eventId);
}
