using Microsoft.Extensions.Options;
using Vbrick.Exporter.Sharding;

namespace Vbrick.Exporter.Budget;

public static class BudgetServiceCollectionExtensions
{
    /// <summary>
    /// Registers the account's request budgets, one per Rev request family, at this replica's share
    /// of <c>Rev:RateLimits</c>. The Rev client spends them on every call; polling asks them when it plans.
    /// </summary>
    public static IServiceCollection AddBudgets(this IServiceCollection services, IConfiguration configuration)
    {
        // The section is validated with the rest of Rev's options at start-up (Rev:RateLimits is
        // part of them); bound here too, so the budgets need nothing from Rev/.
        services.AddOptions<RevRateLimitOptions>().Bind(configuration.GetSection(RevRateLimitOptions.SectionName));
        services.AddSingleton(provider => new RevRequestBudgets(
            provider.GetRequiredService<IOptions<RevRateLimitOptions>>().Value,
            provider.GetRequiredService<ShardAssignment>(),
            provider.GetRequiredService<IBudgetObserver>()));
        return services;
    }
}
