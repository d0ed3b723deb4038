using Prometheus;

namespace Vbrick.Exporter.Metrics;

public static class MetricsServiceCollectionExtensions
{
    /// <summary>Registers the exporter's own metrics registry, its instruments and the publisher.</summary>
    public static IServiceCollection AddExporterMetrics(this IServiceCollection services)
    {
        // prometheus-net's static default registry republishes .NET meters; ours is separate, so
        // nothing appears twice and each test host gets a fresh registry.
        services.AddSingleton(_ =>
        {
            var registry = Prometheus.Metrics.NewCustomRegistry();
            DotNetStats.Register(registry);
            return registry;
        });
        services.AddSingleton<ExporterMetrics>();
        services.AddSingleton<WebcastPublisher>();
        services.AddSingleton<PostEventPublisher>();
        return services;
    }
}
