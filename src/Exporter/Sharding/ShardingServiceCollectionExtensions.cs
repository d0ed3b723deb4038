using Microsoft.Extensions.Options;
using Vbrick.Exporter.Configuration;

namespace Vbrick.Exporter.Sharding;

public static class ShardingServiceCollectionExtensions
{
    public static IServiceCollection AddSharding(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ShardingOptions>().Bind(configuration.GetSection(ShardingOptions.SectionName)).ValidatedBy<ShardingOptions, ShardingOptionsCustomValidator>();
        services.AddSingleton<IPostConfigureOptions<ShardingOptions>>(new ShardingIndexFromPodName(configuration));
        services.AddSingleton<ShardAssignment>();
        return services;
    }
}
