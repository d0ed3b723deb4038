using Vbrick.Exporter.Configuration;

namespace Vbrick.Exporter.Metrics;

public static class MetricsServiceCollectionExtensions
{
    /// <summary>Registers the exporter's own metrics registry, its instruments and the publisher.</summary>
    public static IServiceCollection AddExporterMetrics(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MetricsOptions>().Bind(configuration.GetSection(MetricsOptions.SectionName))
            .ValidateOnStart().WithRules<MetricsOptions, MetricsOptionsCustomValidator>();
        // prometheus-net's static default registry republishes .NET meters, the OTLP bridge's
        // included; ours is separate and holds only the model's instruments, so nothing appears
        // twice and each test host gets a fresh registry.
        services.AddSingleton(_ => Prometheus.Metrics.NewCustomRegistry());
        services.AddSingleton(provider =>
        {
            var excluded = provider.GetService<Microsoft.Extensions.Options.IOptions<MetricsOptions>>()?.Value.Exclude ?? [];
            var metrics = new ExporterMetrics(provider.GetRequiredService<Prometheus.CollectorRegistry>(), excluded);
            var demo = provider.GetService<IConfiguration>()?.GetValue<bool>(Demo.DemoOptions.SectionName + ":" + nameof(Demo.DemoOptions.Enabled)) == true;
            metrics.Service.MarkDemo(demo);
            return metrics;
        });
        services.AddSingleton<Budget.IBudgetObserver>(provider => provider.GetRequiredService<ExporterMetrics>().Budget);
        services.AddSingleton<Rev.IRevObserver>(provider => provider.GetRequiredService<ExporterMetrics>().RevCalls);
        services.AddSingleton<WebcastPublisher>();
        services.AddSingleton<PostEventPublisher>();
        return services;
    }
}
