using Microsoft.Extensions.Options;
using Vbrick.Exporter.Configuration;

namespace Vbrick.Exporter.Telemetry;

/// <summary>
/// OTLP push (section <c>Otlp</c>). Off unless <c>Otlp:Endpoint</c> or one of the standard
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> / <c>OTEL_EXPORTER_OTLP_METRICS_ENDPOINT</c> variables is set.
/// </summary>
public sealed class OtlpOptions
{
    public const string SectionName = "Otlp";

    public const string Grpc = "grpc";

    public const string HttpProtobuf = "http/protobuf";

    /// <summary>Collector address, e.g. <c>http://collector:4317</c> (grpc) or <c>http://collector:4318</c> (http/protobuf).</summary>
    public string? Endpoint { get; set; }

    /// <summary><c>grpc</c> or <c>http/protobuf</c>; defaults to <c>OTEL_EXPORTER_OTLP_PROTOCOL</c>, else grpc.</summary>
    public string? Protocol { get; set; }

    /// <summary>Time between two pushes; defaults to <c>OTEL_METRIC_EXPORT_INTERVAL</c>, else 15 s.</summary>
    [Configuration.Between("00:00:01", "01:00:00")]
    public TimeSpan? ExportInterval { get; set; }

    /// <summary>Longest a push may take before it is abandoned (it never delays polling or scrapes).</summary>
    [Configuration.Between("00:00:00.1", "00:05:00")]
    public TimeSpan ExportTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Resource attribute <c>service.name</c>.</summary>
    public string ServiceName { get; set; } = "vbrick-rev-exporter";

    /// <summary>Resource attribute <c>service.instance.id</c>; defaults to the host (pod) name.</summary>
    public string? ServiceInstanceId { get; set; }

    /// <summary>
    /// Attribute sets OpenTelemetry keeps per metric (its default is 2,000). OpenTelemetry reserves
    /// the memory up front, about 100 bytes a set per metric.
    /// </summary>
    [Configuration.Between("2000", "1000000")]
    public int MaxSeriesPerMetric { get; set; } = 10_000;
}

/// <summary>The annotations' rules, generated at compile time.</summary>
[OptionsValidator]
internal sealed partial class OtlpOptionsValidator : IValidateOptions<OtlpOptions>;

/// <summary>Rules annotations cannot express: an address, a choice of two, a non-empty name.</summary>
internal sealed class OtlpOptionsCustomValidator : OptionsRules<OtlpOptions>
{
    protected override void Check(OtlpOptions options, List<string> failures)
    {
        if (!string.IsNullOrWhiteSpace(options.Endpoint)
            && (!Uri.TryCreate(options.Endpoint, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
        {
            failures.Add($"Otlp:Endpoint must be an absolute http:// or https:// address (got {Configuration.SafeAddress.Describe(options.Endpoint)}).");
        }

        if (options.Protocol is { } protocol && protocol is not (OtlpOptions.Grpc or OtlpOptions.HttpProtobuf))
        {
            failures.Add($"Otlp:Protocol must be '{OtlpOptions.Grpc}' or '{OtlpOptions.HttpProtobuf}' (got '{protocol}').");
        }

        if (string.IsNullOrWhiteSpace(options.ServiceName))
        {
            failures.Add("Otlp:ServiceName must not be empty.");
        }
    }
}
