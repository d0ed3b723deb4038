using System.Net.Security;

namespace Vbrick.Exporter.Hosting;

/// <summary>
/// <c>vbrick-exporter --healthcheck [url]</c>: asks a running exporter's <c>/healthz</c> and exits 0
/// or 1. The container's HEALTHCHECK uses it because the runtime image has no curl or wget. Without
/// a url it follows the exporter's own listen address (<c>ASPNETCORE_URLS</c>, <c>URLS</c>, <c>--urls</c>):
/// the first one, its scheme and port, on loopback.
/// </summary>
public static class HealthCheckCommand
{
    public const string Flag = "--healthcheck";

    public static bool IsRequested(string[] args) => args.Length > 0 && args[0] == Flag;

    public static async Task<int> RunAsync(string[] args)
    {
        var url = args.Length > 1 && !args[1].StartsWith("--", StringComparison.Ordinal)
            ? args[1]
            : ProbeUrlFor(ListenUrls(args), ServesTls(Environment.GetEnvironmentVariable("Web__ConfigFile"))).AbsoluteUri;

        // Checking itself over loopback: the certificate names the public host, not 127.0.0.1, so
        // it is not validated here (nothing leaves the machine or the pod).
        using var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = (_, _, _, _) => IsLoopback(url) },
        };
        using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(3) };
        try
        {
            using var response = await client.GetAsync(new Uri(url));
            return response.IsSuccessStatusCode ? 0 : 1;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or UriFormatException)
        {
            await Console.Error.WriteLineAsync("unhealthy: " + ex.Message);
            return 1;
        }
    }

    /// <summary>The listen addresses the exporter would use: <c>--urls</c>, then the environment, then the default.</summary>
    public static string ListenUrls(string[] args, Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        for (var i = 0; i < args.Length - 1; i++)
        {
            if (args[i] is "--urls" or "--Urls")
            {
                return args[i + 1];
            }
        }

        return environment("ASPNETCORE_URLS") is { Length: > 0 } aspnet ? aspnet
            : environment("DOTNET_URLS") is { Length: > 0 } dotnet ? dotnet
            : environment("URLS") is { Length: > 0 } urls ? urls
            : $"http://+:{ExporterHostExtensions.DefaultPort}";
    }

    /// <summary>
    /// Whether a web configuration file (<c>Web__ConfigFile</c>) turns the listener to TLS. With
    /// <c>RequireAndVerifyClientCert</c> the check cannot pass (it has no client certificate): use a
    /// TCP check or the container runtime's own probe there.
    /// </summary>
    public static bool ServesTls(string? webConfigFile)
    {
        if (string.IsNullOrWhiteSpace(webConfigFile))
        {
            return false;
        }

        try
        {
            return Web.WebConfigFile.Load(webConfigFile).Tls is not null;
        }
        catch (Web.WebConfigException)
        {
            return false;
        }
    }

    /// <summary><c>/healthz</c> on loopback at the first listen address's scheme and port (https when <paramref name="tls"/>).</summary>
    public static Uri ProbeUrlFor(string listenUrls, bool tls = false)
    {
        var first = listenUrls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? string.Empty;
        var scheme = tls || first.StartsWith("https://", StringComparison.OrdinalIgnoreCase) ? "https" : "http";
        var rest = first.Contains("://", StringComparison.Ordinal) ? first[(first.IndexOf("://", StringComparison.Ordinal) + 3)..] : first;
        rest = rest.Split('/')[0];
        var colon = rest.LastIndexOf(':');
        var port = colon >= 0 && int.TryParse(rest[(colon + 1)..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var p)
            ? p
            : scheme == "https" ? 443 : 80;
        var host = colon >= 0 ? rest[..colon] : rest;
        var loopback = host.StartsWith('[') || host == "::" ? "[::1]" : "127.0.0.1";
        return new Uri(System.FormattableString.Invariant($"{scheme}://{loopback}:{port}/healthz"));
    }

    private static bool IsLoopback(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.IsLoopback;
}
