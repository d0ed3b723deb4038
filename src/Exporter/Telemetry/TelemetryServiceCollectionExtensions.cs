using Vbrick.Exporter.Configuration;

namespace Vbrick.Exporter.Telemetry;

public static class TelemetryServiceCollectionExtensions
{
    /// <summary>OTLP push; its hosted service must be registered before polling starts.</summary>
    public static IServiceCollection AddOtlpExport(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<OtlpOptions>().Bind(configuration.GetSection(OtlpOptions.SectionName)).ValidatedBy<OtlpOptions, OtlpOptionsValidator>().WithRules<OtlpOptions, OtlpOptionsCustomValidator>();
        services.AddSingleton(provider => ActivatorUtilities.CreateInstance<OtlpExportService>(provider, configuration));
        services.AddHostedService(provider => provider.GetRequiredService<OtlpExportService>());
        return services;
    }
}
