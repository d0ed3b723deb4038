using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using Vbrick.Exporter.Rev;
using Vbrick.Exporter.Web;

namespace Vbrick.Exporter.Hosting;

/// <summary>
/// One line at start-up saying how the exporter is exposed and how it reaches Rev, so an operator
/// sees at once whether authentication and TLS are on. No secret, user name or hash in it.
/// </summary>
internal sealed partial class StartupReport(
    IServer server,
    IOptions<WebOptions> web,
    IOptions<RevOptions> rev,
    IConfiguration configuration,
    IHostApplicationLifetime lifetime,
    IReadOnlyList<UnknownSettings.Finding> unknownSettings,
    ILogger<StartupReport> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var unknown in unknownSettings)
        {
            Log.UnknownSetting(logger, unknown.ToString());
        }

        lifetime.ApplicationStarted.Register(Report);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void Report()
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses.ToList() ?? [];
        var tls = addresses.Count > 0 && addresses.All(a => a.StartsWith("https:", StringComparison.OrdinalIgnoreCase))
            ? "on"
            : addresses.Any(a => a.StartsWith("https:", StringComparison.OrdinalIgnoreCase)) ? "on for some addresses" : "off";
        var users = web.Value.BasicAuthUsers.Count;
        var authentication = users == 0 ? "off" : $"on ({users} users; probes {(web.Value.OpenProbes ? "open" : "closed")})";
        var scheme = rev.Value.Url?.Scheme ?? "unset";
        var revSecurity = string.Equals(scheme, "https", StringComparison.OrdinalIgnoreCase) ? "https" : $"{scheme} (Rev:AllowInsecureHttp)";
        var demo = string.Equals(configuration["Demo:Enabled"], "true", StringComparison.OrdinalIgnoreCase) ? " [demo: simulated Rev]" : string.Empty;
        var listening = string.Join(", ", addresses);
        Log.Exposure(logger, Build, listening, authentication, tls, revSecurity, demo);
    }

    private static readonly string Build = $"{BuildVersion.Version} (commit {BuildVersion.Revision})";

    private static partial class Log
    {
        // The finding names the key (never a value) and the nearest real key.
        [LoggerMessage(EventId = 11, Level = LogLevel.Warning, Message = "Configuration: {Finding}")]
        public static partial void UnknownSetting(ILogger logger, string finding);

        [LoggerMessage(EventId = 10, Level = LogLevel.Information, Message = "vbrick-exporter {Version} serving {Addresses}: basic authentication {Authentication}, TLS {Tls}; Rev over {RevScheme}{Demo}")]
        public static partial void Exposure(ILogger logger, string version, string addresses, string authentication, string tls, string revScheme, string demo);
    }
}
