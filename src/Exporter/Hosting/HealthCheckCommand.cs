namespace Vbrick.Exporter.Hosting;

/// <summary>
/// <c>vbrick-exporter --healthcheck [url]</c>: asks a running exporter's <c>/healthz</c> and exits 0
/// or 1. The container's HEALTHCHECK uses it because the runtime image has no curl or wget.
/// </summary>
public static class HealthCheckCommand
{
    public const string Flag = "--healthcheck";

    public static bool IsRequested(string[] args) => args.Length > 0 && args[0] == Flag;

    public static async Task<int> RunAsync(string[] args)
    {
        var url = args.Length > 1 ? args[1] : $"http://127.0.0.1:{ExporterHostExtensions.DefaultPort}/healthz";
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
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
}
