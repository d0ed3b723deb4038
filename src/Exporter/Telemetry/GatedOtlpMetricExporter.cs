using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using Vbrick.Exporter.Metrics;

namespace Vbrick.Exporter.Telemetry;

/// <summary>
/// The OpenTelemetry OTLP exporter, releasing the publication gate once the snapshot is in hand
/// and counting each push's outcome.
/// </summary>
public sealed class GatedOtlpMetricExporter(OtlpExporterOptions options, ExporterMetrics model, CollectionHandoff handoff, TimeProvider time)
    : OtlpMetricExporter(options)
{
    private readonly string _protocol = options.Protocol == OtlpExportProtocol.HttpProtobuf ? OtlpOptions.HttpProtobuf : OtlpOptions.Grpc;

    public string ProtocolName => _protocol;

    public override ExportResult Export(in Batch<Metric> metrics)
    {
        handoff.Release();
        var started = time.GetTimestamp();
        var result = base.Export(metrics);
        model.Service.CountOtlpExport(_protocol, result == ExportResult.Success, time.GetElapsedTime(started), time.GetUtcNow());
        return result;
    }
}
