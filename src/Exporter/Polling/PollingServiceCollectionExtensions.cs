using Microsoft.Extensions.Options;
using Vbrick.Exporter.PostEvent;
using Vbrick.Exporter.Rev;
using Vbrick.Exporter.Configuration;

namespace Vbrick.Exporter.Polling;

public static class PollingServiceCollectionExtensions
{
    /// <summary>Registers the polling options and the polling hosted service (the budgets it plans with are registered by <c>Budget/</c>, <c>AddBudgets</c>).</summary>
    public static IServiceCollection AddPolling(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PollingOptions>().Bind(configuration.GetSection(PollingOptions.SectionName)).ValidatedBy<PollingOptions, PollingOptionsValidator>().WithRules<PollingOptions, PollingOptionsCustomValidator>();
        services.AddOptions<EventsOptions>().Bind(configuration.GetSection(EventsOptions.SectionName)).ValidatedBy<EventsOptions, EventsOptionsValidator>().WithRules<EventsOptions, EventsOptionsCustomValidator>();
        services.AddOptions<PostEventOptions>().Bind(configuration.GetSection(PostEventOptions.SectionName)).ValidatedBy<PostEventOptions, PostEventOptionsValidator>();

        services.AddSingleton(provider => new Aggregation.SessionAllowance(provider.GetRequiredService<IOptions<EventsOptions>>().Value.MaxTrackedSessions));
        services.AddSingleton<ReadinessState>();
        services.AddSingleton<EventStatusChecker>();
        services.AddSingleton(provider => new ScrollLifetimeEstimate(provider.GetRequiredService<IOptions<RevOptions>>().Value.ScrollLifetime));
        services.AddSingleton<Aggregation.Census.SearchRuleBook>();
        services.AddSingleton<ZoneDirectory>();
        services.AddSingleton<RealtimeSweeper>();
        services.AddSingleton<WatchedEventRegistry>();
        services.AddSingleton<EventLifecycle>();
        services.AddSingleton<EventDiscovery>();
        services.AddSingleton<AttendeePollingService>();
        services.AddHostedService(provider => provider.GetRequiredService<AttendeePollingService>());
        return services;
    }
}
