using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Prometheus;
using Vbrick.Exporter.Metrics;
using PromGauge = Prometheus.Gauge;
using PromCounter = Prometheus.Counter;

namespace Vbrick.Exporter.Telemetry;

/// <summary>
/// Presents the exporter's one metric model (<see cref="ExporterMetrics"/>) as .NET meters for
/// OpenTelemetry: gauges and counters are observable instruments that read the model's current
/// series, so a removed series is simply not reported again; histograms receive each observation,
/// and those of an event live on a meter of their own that is disposed when the event is forgotten.
/// Nothing here defines a metric: names, help, labels and buckets all come from the model.
/// </summary>
public sealed class OtlpMetricBridge : IHistogramMirror, IDisposable
{
    private static int s_instances;

    private readonly ExporterMetrics _metrics;
    private readonly Meter _meter;
    private readonly Dictionary<ExporterHistogram, Histogram<double>> _sharedHistograms = [];
    private readonly ConcurrentDictionary<string, EventMeter> _eventMeters = new(StringComparer.Ordinal);
    private readonly string? _version = BuildVersion.Version;

    public OtlpMetricBridge(ExporterMetrics metrics)
    {
        _metrics = metrics;

        // A MeterListener subscribes by meter name across the whole process. A process normally
        // has one bridge; tests host several at once, and each must hear only its own model.
        var instance = Interlocked.Increment(ref s_instances);
        MeterName = instance == 1 ? "Vbrick.Exporter" : $"Vbrick.Exporter.{instance}";
        EventMeterName = MeterName + ".Event";
        _meter = new Meter(MeterName, _version);

        foreach (var collector in metrics.Served)
        {
            switch (collector)
            {
                case PromGauge gauge:
                    _meter.CreateObservableGauge(gauge.Name, () => Read(gauge, static c => c.Value, () => gauge.Value), OtlpUnits.For(gauge.Name), gauge.Help);
                    break;
                case PromCounter counter:
                    _meter.CreateObservableCounter(counter.Name, () => Read(counter, static c => c.Value, () => counter.Value), OtlpUnits.For(counter.Name), counter.Help);
                    break;
            }
        }

        foreach (var histogram in metrics.Histograms.Where(h => h.Served && !h.IsPerEvent))
        {
            _sharedHistograms[histogram] = CreateHistogram(_meter, histogram);
        }
    }

    /// <summary>Scope of the gauges, counters and shared histograms.</summary>
    public string MeterName { get; }

    /// <summary>Scope of the per-event histograms (one meter per event, tagged with its id).</summary>
    public string EventMeterName { get; }

    public void Record(ExporterHistogram histogram, string[] labelValues, double value)
    {
        var tags = new TagList();
        for (var i = 0; i < labelValues.Length; i++)
        {
            tags.Add(histogram.LabelNames[i], labelValues[i]);
        }

        if (!histogram.IsPerEvent)
        {
            _sharedHistograms[histogram].Record(value, tags);
            return;
        }

        var eventMeter = _eventMeters.GetOrAdd(labelValues[0], static (id, bridge) => new EventMeter(bridge, id), this);
        eventMeter.For(histogram).Record(value, tags);
    }

    /// <summary>Disposing the event's meter makes OpenTelemetry push its last values once, then drop them.</summary>
    public void RemoveEvent(string eventId)
    {
        if (_eventMeters.TryRemove(eventId, out var eventMeter))
        {
            eventMeter.Dispose();
        }
    }

    public void Dispose()
    {
        foreach (var eventMeter in _eventMeters.Values)
        {
            eventMeter.Dispose();
        }

        _eventMeters.Clear();
        _meter.Dispose();
    }

    // Runs inside OpenTelemetry's collection, which holds the publication gate (GatedMetricReader),
    // so every instrument of one push reads the same published state.
    private static List<Measurement<double>> Read<TChild>(Collector<TChild> collector, Func<TChild, double> value, Func<double> unlabelled)
        where TChild : ChildBase
    {
        if (collector.LabelNames.Length == 0)
        {
            return [new Measurement<double>(unlabelled())];
        }

        var measurements = new List<Measurement<double>>();
        foreach (var labelValues in collector.GetAllLabelValues())
        {
            var tags = new KeyValuePair<string, object?>[labelValues.Length];
            for (var i = 0; i < labelValues.Length; i++)
            {
                tags[i] = new(collector.LabelNames[i], labelValues[i]);
            }

            measurements.Add(new Measurement<double>(value(collector.WithLabels(labelValues)), tags));
        }

        return measurements;
    }

    private static Histogram<double> CreateHistogram(Meter meter, ExporterHistogram histogram) =>
        meter.CreateHistogram(
            histogram.Name,
            OtlpUnits.For(histogram.Name),
            histogram.Help,
            tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = histogram.Buckets });

    private sealed class EventMeter(OtlpMetricBridge bridge, string eventId) : IDisposable
    {
        private readonly Meter _meter = new(new MeterOptions(bridge.EventMeterName)
        {
            Version = bridge._version,
            Tags = [new(ExporterMetrics.EventId, eventId)],
        });

        private readonly ConcurrentDictionary<ExporterHistogram, Histogram<double>> _histograms = new();

        public Histogram<double> For(ExporterHistogram histogram) =>
            _histograms.GetOrAdd(histogram, static (h, meter) => CreateHistogram(meter, h), _meter);

        public void Dispose() => _meter.Dispose();
    }
}
