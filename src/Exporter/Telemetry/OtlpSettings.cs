using System.Globalization;
using OpenTelemetry.Exporter;

namespace Vbrick.Exporter.Telemetry;

/// <summary>
/// Where and how to push, resolved once from <c>Otlp:*</c> and the standard <c>OTEL_*</c>
/// variables (the exporter's own keys win).
/// </summary>
public sealed record OtlpSettings(Uri Endpoint, OtlpExportProtocol Protocol, TimeSpan ExportInterval)
{
    public static readonly TimeSpan DefaultExportInterval = TimeSpan.FromSeconds(15);

    /// <summary>Null when no endpoint is configured: OTLP is off.</summary>
    public static OtlpSettings? Resolve(OtlpOptions options, IConfiguration configuration)
    {
        var protocolName = options.Protocol
            ?? configuration["OTEL_EXPORTER_OTLP_METRICS_PROTOCOL"]
            ?? configuration["OTEL_EXPORTER_OTLP_PROTOCOL"]
            ?? OtlpOptions.Grpc;
        var protocol = protocolName == OtlpOptions.HttpProtobuf ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc;

        Uri? endpoint = null;
        if (!string.IsNullOrWhiteSpace(options.Endpoint))
        {
            endpoint = WithSignalPath(new Uri(options.Endpoint), protocol);
        }
        else if (configuration["OTEL_EXPORTER_OTLP_METRICS_ENDPOINT"] is { Length: > 0 } signal && Uri.TryCreate(signal, UriKind.Absolute, out var signalUri))
        {
            // The signal-specific variable is the full address by the specification's rules.
            endpoint = signalUri;
        }
        else if (configuration["OTEL_EXPORTER_OTLP_ENDPOINT"] is { Length: > 0 } shared && Uri.TryCreate(shared, UriKind.Absolute, out var sharedUri))
        {
            endpoint = WithSignalPath(sharedUri, protocol);
        }

        if (endpoint is null)
        {
            return null;
        }

        var interval = options.ExportInterval
            ?? (int.TryParse(configuration["OTEL_METRIC_EXPORT_INTERVAL"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var ms) && ms >= 1000
                ? TimeSpan.FromMilliseconds(ms)
                : DefaultExportInterval);
        return new OtlpSettings(endpoint, protocol, interval);
    }

    // OTLP/HTTP posts metrics to /v1/metrics under the collector's base address; gRPC uses the base.
    private static Uri WithSignalPath(Uri endpoint, OtlpExportProtocol protocol) =>
        protocol == OtlpExportProtocol.HttpProtobuf && endpoint.AbsolutePath is "/" or ""
            ? new Uri(endpoint, "/v1/metrics")
            : endpoint;
}
