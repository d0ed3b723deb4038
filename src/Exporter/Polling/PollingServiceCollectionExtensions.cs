using Microsoft.Extensions.Options;
using Vbrick.Exporter.PostEvent;
using Vbrick.Exporter.Rev;
using Vbrick.Exporter.Sharding;
using Vbrick.Exporter.Budget;
using Vbrick.Exporter.Configuration;

namespace Vbrick.Exporter.Polling;

public static class PollingServiceCollectionExtensions
{
    /// <summary>Registers the polling options, the request budgets and the polling hosted service.</summary>
    public static IServiceCollection AddPolling(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PollingOptions>().Bind(configuration.GetSection(PollingOptions.SectionName)).ValidatedBy<PollingOptions, PollingOptionsAnnotations>().WithRules<PollingOptions, PollingOptionsValidator>();
        services.AddOptions<EventsOptions>().Bind(configuration.GetSection(EventsOptions.SectionName)).ValidatedBy<EventsOptions, EventsOptionsAnnotations>().WithRules<EventsOptions, EventsOptionsValidator>();
        services.AddOptions<PostEventOptions>().Bind(configuration.GetSection(PostEventOptions.SectionName)).ValidatedBy<PostEventOptions, PostEventOptionsAnnotations>();

        services.AddSingleton(provider => new RevRequestBudgets(
            provider.GetRequiredService<IOptions<RevOptions>>().Value.RateLimits,
            provider.GetRequiredService<ShardAssignment>(),
            provider.GetRequiredService<IBudgetObserver>()));
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
