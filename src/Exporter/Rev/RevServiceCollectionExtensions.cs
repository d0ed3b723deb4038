using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using Vbrick.Exporter.Configuration;

namespace Vbrick.Exporter.Rev;

public static class RevServiceCollectionExtensions
{
    /// <summary>Registers the Rev options, session handling and the typed <see cref="RevClient"/> with standard resilience.</summary>
    public static IServiceCollection AddRevClient(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RevOptions>().Bind(configuration.GetSection(RevOptions.SectionName)).ValidatedBy<RevOptions, RevOptionsValidator>().WithRules<RevOptions, RevOptionsCustomValidator>();
        services.AddSingleton<IPostConfigureOptions<RevOptions>, RevSecretFileLoader>();
        services.AddSingleton<RevSessionManager>();
        services.AddTransient<RevAuthenticationHandler>();
        services.AddTransient<RevRequestMetricsHandler>();
        services.AddTransient<ResponseSizeLimitHandler>();

        // Sign-in never retries on its own: repeated logins can lock the Rev user out.
        services.AddHttpClient<RevAuthenticationClient>(ConfigureBase)
            .ConfigurePrimaryHttpMessageHandler(NoRedirects)
            .AddHttpMessageHandler<RevRequestMetricsHandler>()
            .AddHttpMessageHandler<ResponseSizeLimitHandler>();

        // Outermost first: resilience wraps authentication, which wraps the per-attempt metrics; the
        // size cap sits next to the wire so every body is read through it.
        var client = services.AddHttpClient<RevClient>(ConfigureBase).ConfigurePrimaryHttpMessageHandler(NoRedirects);
        var resilienceSection = configuration.GetSection(RevOptions.SectionName).GetSection("Resilience");
        client.AddStandardResilienceHandler().Configure((resilience, provider) => ConfigureResilience(resilience, provider, resilienceSection));
        client.AddHttpMessageHandler<RevAuthenticationHandler>().AddHttpMessageHandler<RevRequestMetricsHandler>().AddHttpMessageHandler<ResponseSizeLimitHandler>();
        return services;
    }

    /// <summary>
    /// Redirects are never followed: a 307/308 would re-send the sign-in body (API key and secret)
    /// to whatever host it names. A 3xx is an error that names the target host instead.
    /// </summary>
    private static HttpMessageHandler NoRedirects() => new SocketsHttpHandler { AllowAutoRedirect = false };

    private static void ConfigureBase(IServiceProvider provider, HttpClient client)
    {
        var options = provider.GetRequiredService<IOptions<RevOptions>>().Value;
        client.BaseAddress = options.Url is { } url ? new Uri(url.AbsoluteUri.TrimEnd('/') + "/") : null;

        // The resilience pipeline owns timeouts; this only stops a body read that never ends.
        client.Timeout = Timeout.InfiniteTimeSpan;
        client.DefaultRequestHeaders.UserAgent.ParseAdd("vbrick-rev-exporter/" + BuildVersion.Version);
    }

    /// <summary>
    /// Timeouts follow <c>Rev:RequestTimeout</c>; then <c>Rev:Resilience:*</c> (the standard
    /// options' own names: <c>Retry:MaxRetryAttempts</c>, <c>CircuitBreaker:FailureRatio</c>, ...)
    /// is bound on top, so an operator's value wins. The retry predicate is not configurable:
    /// real-time requests are never retried.
    /// </summary>
    private static void ConfigureResilience(HttpStandardResilienceOptions resilience, IServiceProvider provider, IConfigurationSection configured)
    {
        var rev = provider.GetRequiredService<IOptions<RevOptions>>().Value;
        var observer = provider.GetRequiredService<IRevObserver>();
        resilience.AttemptTimeout.Timeout = rev.RequestTimeout;
        resilience.TotalRequestTimeout.Timeout = rev.TotalRequestTimeout;
        resilience.CircuitBreaker.SamplingDuration = rev.RequestTimeout * 2 > TimeSpan.FromSeconds(30) ? rev.RequestTimeout * 2 : TimeSpan.FromSeconds(30);
        configured.Bind(resilience);

        // Every real-time retry would spend Rev's scarcest budget (the planner decides instead); a
        // status check's retry would only hold the loop longer (the next check comes at its cadence).
        resilience.Retry.ShouldHandle = args =>
        {
            var request = args.Context.GetRequestMessage();
            return ValueTask.FromResult(
                (request is null || !RevRequestTags.IsSingleAttempt(request)) && HttpClientResiliencePredicates.IsTransient(args.Outcome));
        };
        resilience.Retry.OnRetry = args =>
        {
            var request = args.Context.GetRequestMessage();
            observer.Retried(request is null ? null : RevRequestTags.EndpointOf(request));
            return ValueTask.CompletedTask;
        };
    }
}
