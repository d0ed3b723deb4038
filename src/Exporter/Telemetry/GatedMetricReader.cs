using OpenTelemetry;
using OpenTelemetry.Metrics;
using Vbrick.Exporter.Metrics;

namespace Vbrick.Exporter.Telemetry;

/// <summary>
/// OpenTelemetry's periodic reader, collecting under the publication gate: one push reads one
/// published state of the model, the way one scrape does, never half a sweep.
/// </summary>
public sealed class GatedMetricReader(BaseExporter<Metric> exporter, ExporterMetrics metrics, CollectionHandoff handoff, int intervalMilliseconds, int timeoutMilliseconds)
    : PeriodicExportingMetricReader(exporter, intervalMilliseconds, timeoutMilliseconds)
{
    protected override bool OnCollect(int timeoutMilliseconds)
    {
        handoff.Acquire();
        try
        {
            metrics.Process.Refresh();
            return base.OnCollect(timeoutMilliseconds);
        }
        finally
        {
            handoff.Release();
        }
    }
}
