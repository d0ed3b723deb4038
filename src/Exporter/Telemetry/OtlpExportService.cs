using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using Vbrick.Exporter.Metrics;
using Vbrick.Exporter.Sharding;

namespace Vbrick.Exporter.Telemetry;

/// <summary>
/// Starts OpenTelemetry's meter provider with the OTLP exporter when an endpoint is configured.
/// Registered before polling, so the first observation of the model already reaches OTLP.
/// </summary>
public sealed partial class OtlpExportService(
    ExporterMetrics metrics,
    IOptions<OtlpOptions> options,
    IConfiguration configuration,
    ShardAssignment shard,
    TimeProvider time,
    ILogger<OtlpExportService> logger) : IHostedService, IDisposable
{
    private MeterProvider? _provider;
    private OtlpMetricBridge? _bridge;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = OtlpSettings.Resolve(options.Value, configuration);
        if (settings is null)
        {
            return Task.CompletedTask;
        }

        var value = options.Value;
        _bridge = new OtlpMetricBridge(metrics);
        var handoff = new CollectionHandoff(metrics);
        var exporterOptions = new OtlpExporterOptions
        {
            Endpoint = settings.Endpoint,
            Protocol = settings.Protocol,
            TimeoutMilliseconds = (int)value.ExportTimeout.TotalMilliseconds,
        };
        var exporter = new GatedOtlpMetricExporter(exporterOptions, metrics, handoff, time);
        var reader = new GatedMetricReader(exporter, metrics, handoff, (int)settings.ExportInterval.TotalMilliseconds, (int)value.ExportTimeout.TotalMilliseconds)
        {
            TemporalityPreference = MetricReaderTemporalityPreference.Cumulative,
        };

        var instanceId = value.ServiceInstanceId ?? configuration["POD_NAME"] ?? configuration["HOSTNAME"] ?? Environment.MachineName;
        _provider = Sdk.CreateMeterProviderBuilder()
            .ConfigureResource(resource => resource
                .AddService(value.ServiceName, serviceVersion: BuildVersion.Version, serviceInstanceId: instanceId, autoGenerateServiceInstanceId: false)
                .AddAttributes(
                [
                    new("vbrick.shard.index", (long)shard.Index),
                    new("vbrick.shard.replicas", (long)shard.Replicas),
                ]))
            .AddMeter(_bridge.MeterName, _bridge.EventMeterName)
            .AddView(instrument => instrument.Meter.Name == _bridge.MeterName || instrument.Meter.Name == _bridge.EventMeterName
                ? new MetricStreamConfiguration { CardinalityLimit = value.MaxSeriesPerMetric }
                : null)
            .AddReader(reader)
            .Build();

        metrics.Service.StartOtlp(exporter.ProtocolName);

        metrics.HistogramMirror = _bridge;
        var collector = Configuration.SafeAddress.Describe(settings.Endpoint);
        Log.Started(logger, collector, exporter.ProtocolName, settings.ExportInterval);
        return Task.CompletedTask;
    }

    /// <summary>Pushes now; tests use it instead of waiting for the interval.</summary>
    public bool ForceFlush(int timeoutMilliseconds = 10_000) => _provider?.ForceFlush(timeoutMilliseconds) ?? false;

    public Task StopAsync(CancellationToken cancellationToken)
    {
        metrics.HistogramMirror = null;

        // The final push is bounded by the export timeout; a dead collector never holds up exit for longer.
        _provider?.Shutdown((int)options.Value.ExportTimeout.TotalMilliseconds);
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _provider?.Dispose();
        _bridge?.Dispose();
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 900, Level = LogLevel.Information, Message = "Pushing metrics by OTLP ({Protocol}) to {Collector} every {Interval}")]
        public static partial void Started(ILogger logger, string collector, string protocol, TimeSpan interval);
    }
}
