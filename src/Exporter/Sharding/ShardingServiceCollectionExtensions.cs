using Microsoft.Extensions.Options;

namespace Vbrick.Exporter.Sharding;

public static class ShardingServiceCollectionExtensions
{
    public static IServiceCollection AddSharding(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ShardingOptions>().Bind(configuration.GetSection(ShardingOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IPostConfigureOptions<ShardingOptions>>(new ShardingIndexFromPodName(configuration));
        services.AddSingleton<IValidateOptions<ShardingOptions>, ShardingOptionsValidator>();
        services.AddSingleton<ShardAssignment>();
        return services;
    }
}
