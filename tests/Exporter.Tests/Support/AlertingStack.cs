using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Vbrick.Exporter.Tests.Support;

/// <summary>
/// The product as a user runs it, on loopback: the exporter in demo mode with the given settings,
/// Debian's Prometheus scraping it with the compose file's scrape and rule configuration (the
/// shipped rules), and Alertmanager with the shipped configuration.
/// </summary>
internal sealed class AlertingStack : IAsyncDisposable
{
    private readonly DirectoryInfo _work;
    private readonly Process _alertmanager;
    private readonly Process _prometheus;

    private AlertingStack(DirectoryInfo work, ExporterProcess exporter, Process alertmanager, Process prometheus, int prometheusPort, int alertmanagerPort)
    {
        _work = work;
        Exporter = exporter;
        _alertmanager = alertmanager;
        _prometheus = prometheus;
        PrometheusPort = prometheusPort;
        AlertmanagerPort = alertmanagerPort;
    }

    public ExporterProcess Exporter { get; }

    public int PrometheusPort { get; }

    public int AlertmanagerPort { get; }

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(10) };

    public static async Task<AlertingStack> StartAsync(params string[] demoArguments)
    {
        var prometheusPath = Binary("prometheus");
        var alertmanagerPath = Binary("prometheus-alertmanager");
        var work = Directory.CreateTempSubdirectory("vbrick-e2e-");
        var (exporterPort, prometheusPort, alertmanagerPort) = (ExporterProcess.FreePort(), ExporterProcess.FreePort(), ExporterProcess.FreePort());
        var config = (await File.ReadAllTextAsync(Path.Combine(RepositoryFiles.Root, "deploy/compose/prometheus.yml"), TestContext.Current.CancellationToken))
            .Replace("exporter:9874", "127.0.0.1:exporter-port-placeholder", StringComparison.Ordinal)
            .Replace("alertmanager:9093", $"127.0.0.1:{alertmanagerPort}", StringComparison.Ordinal)
            .Replace("/etc/prometheus/vbrick-webcast.rules.yml", Path.Combine(RepositoryFiles.Root, "alerts/vbrick-webcast.rules.yml"), StringComparison.Ordinal);
        var configPath = Path.Combine(work.FullName, "prometheus.yml");

        var exporter = ExporterProcess.Start(["--demo", "--urls", $"http://127.0.0.1:{exporterPort}", .. demoArguments]);
        for (var attempt = 1; !await AnswersAsync(exporterPort, "healthz"); attempt++)
        {
            // Its port was taken between FreePort and the bind: it stopped with exit code 2.
            await exporter.DisposeAsync();
            Assert.True(attempt < 3, "the exporter did not start on three ports");
            exporterPort = ExporterProcess.FreePort();
            exporter = ExporterProcess.Start(["--demo", "--urls", $"http://127.0.0.1:{exporterPort}", .. demoArguments]);
        }

        config = config.Replace("exporter-port-placeholder", exporterPort.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        await File.WriteAllTextAsync(configPath, config, TestContext.Current.CancellationToken);

        // Tests run side by side, and a port found free may be taken before the service binds it:
        // each service must answer /-/ready, or it is started again on another port.
        var (alertmanager, readyAlertmanagerPort) = await StartReadyAsync(port => ExternalService.Start(alertmanagerPath,
            $"--config.file={Path.Combine(RepositoryFiles.Root, "alerts/alertmanager.yml")}", $"--storage.path={Path.Combine(work.FullName, $"am-{port}")}",
            $"--web.listen-address=127.0.0.1:{port}", "--cluster.listen-address="), alertmanagerPort);
        if (readyAlertmanagerPort != alertmanagerPort)
        {
            await File.WriteAllTextAsync(configPath, config.Replace($"127.0.0.1:{alertmanagerPort}", $"127.0.0.1:{readyAlertmanagerPort}", StringComparison.Ordinal), TestContext.Current.CancellationToken);
        }

        var (prometheus, readyPrometheusPort) = await StartReadyAsync(port => ExternalService.Start(prometheusPath,
            $"--config.file={configPath}", $"--storage.tsdb.path={Path.Combine(work.FullName, $"tsdb-{port}")}", $"--web.listen-address=127.0.0.1:{port}"), prometheusPort);
        return new AlertingStack(work, exporter, alertmanager, prometheus, readyPrometheusPort, readyAlertmanagerPort);
    }

    private static async Task<bool> AnswersAsync(int port, string path)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTimeOffset.UtcNow < deadline)
        {
            try
            {
                if ((await http.GetAsync(new Uri($"http://127.0.0.1:{port}/{path}"), TestContext.Current.CancellationToken)).IsSuccessStatusCode)
                {
                    return true;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet, or never will.
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), TestContext.Current.CancellationToken);
        }

        return false;
    }

    private static async Task<(Process Process, int Port)> StartReadyAsync(Func<int, Process> start, int port)
    {
        for (var attempt = 1; ; attempt++)
        {
            var process = start(port);
            if (await AnswersAsync(port, "-/ready"))
            {
                return (process, port);
            }

            var name = Path.GetFileName(process.StartInfo.FileName);
            Stop(process);
            if (attempt == 3)
            {
                throw new InvalidOperationException($"{name} did not become ready on three ports");
            }

            port = ExporterProcess.FreePort();
        }
    }

    /// <summary>The alerts Alertmanager holds once it holds any, within <paramref name="deadline"/>.</summary>
    public Task<List<JsonNode>> WaitForAlertmanagerAlertsAsync(TimeSpan deadline) =>
        Eventually.ValueAsync(
            async () => (await Http.GetFromJsonAsync<JsonArray>($"http://127.0.0.1:{AlertmanagerPort}/api/v2/alerts?active=true"))?.Select(a => a!).ToList() ?? [],
            alerts => alerts.Count > 0,
            deadline,
            "an alert to reach Alertmanager",
            every: TimeSpan.FromSeconds(5));

    public async Task<JsonArray?> QueryAsync(string expr)
    {
        var response = await Http.GetFromJsonAsync<JsonObject>($"http://127.0.0.1:{PrometheusPort}/api/v1/query?query={Uri.EscapeDataString(expr)}");
        Assert.Equal("success", response!["status"]!.GetValue<string>());
        return response["data"]!["result"]!.AsArray();
    }

    public async ValueTask DisposeAsync()
    {
        Stop(_prometheus);
        Stop(_alertmanager);
        await Exporter.DisposeAsync();
        Http.Dispose();
        _work.Delete(recursive: true);
    }

    private static string Binary(string name) =>
        RequiredTool.Find(name, "Debian's prometheus and prometheus-alertmanager packages have it", Path.Combine("/usr/bin", name));

    private static void Stop(Process process)
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(10_000);
        }

        process.Dispose();
    }
}
