using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Vbrick.Exporter.Benchmarks;

/// <summary>
/// A flood of the open, cheap paths (<c>/healthz</c>) against the built exporter (a child process in
/// demo mode), the way anything on the network can send it, while a scraper reads <c>/metrics</c> every
/// 50 ms as Prometheus would: the scrape's p50 / p99 idle and during the flood, as ratios from one run.
/// The flood is bounded (connections x seconds) and loopback only.
/// </summary>
public static class CheapPathFloodRun
{
    public static async Task RunAsync(TextWriter output, TimeSpan floodFor, IReadOnlyList<string> exporterArguments)
    {
        var port = FreePort();
        using var exporter = StartExporter(port, exporterArguments);
        var baseAddress = new Uri($"http://127.0.0.1:{port}/");
        try
        {
            await WaitUntilUpAsync(baseAddress);
            // The demo needs a sweep or two before /metrics has its full size.
            await Task.Delay(TimeSpan.FromSeconds(15));
            await output.WriteLineAsync($"Machine: {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}; exporter in its own process{(exporterArguments.Count > 0 ? " with " + string.Join(' ', exporterArguments) : string.Empty)}.");
            await output.WriteLineAsync("| /metrics while | scrapes | p50 ms | p99 ms | p99 / idle p99 | flood answers/s | answered | 429 / 503 |");
            await output.WriteLineAsync("|---|---|---|---|---|---|---|---|");
            var idle = await ScrapeDuringAsync(baseAddress, floodFor, connections: 0, path: "healthz");
            await ReportAsync(output, "idle", idle, idle);
            foreach (var path in new[] { "healthz", "readyz", string.Empty, "no-such-page" })
            {
                await ReportAsync(output, $"/{path} flood, 64 connections", await ScrapeDuringAsync(baseAddress, floodFor, 64, path), idle);
            }

            await ReportAsync(output, "/healthz flood, 64 clients, a new connection each request", await ScrapeDuringAsync(baseAddress, floodFor, 64, "healthz", reconnect: true), idle);
        }
        finally
        {
            exporter.Kill(entireProcessTree: true);
        }
    }

    private static async Task ReportAsync(TextWriter output, string name, FloodResult result, FloodResult idle) =>
        await output.WriteLineAsync(string.Create(
            CultureInfo.InvariantCulture,
            $"| {name} | {result.Scrapes.Count} | {Percentile(result.Scrapes, 0.5):0.0} | {Percentile(result.Scrapes, 0.99):0.0} | {Percentile(result.Scrapes, 0.99) / Percentile(idle.Scrapes, 0.99):0.00} | {result.FloodPerSecond:0} | {result.Ok} | {result.Refused} |"));

    private static async Task<FloodResult> ScrapeDuringAsync(Uri baseAddress, TimeSpan duration, int connections, string path, bool reconnect = false)
    {
        using var stop = new CancellationTokenSource(duration);
        var counts = new int[3];
        var flooders = Enumerable.Range(0, connections).Select(i => Task.Run(() => FloodAsync(baseAddress, path, reconnect, new IPAddress([127, 0, 4, (byte)(1 + (i % 250))]), counts, stop.Token))).ToArray();

        using var scraper = new HttpClient { BaseAddress = baseAddress };
        var scrapes = new List<double>();
        var started = Stopwatch.GetTimestamp();
        while (!stop.IsCancellationRequested)
        {
            var at = Stopwatch.GetTimestamp();
            var body = await scraper.GetStringAsync(new Uri("metrics", UriKind.Relative), CancellationToken.None);
            scrapes.Add(Stopwatch.GetElapsedTime(at).TotalMilliseconds);
            if (body.Length < 1_000)
            {
                throw new InvalidOperationException("/metrics answered almost nothing");
            }

            await Task.Delay(50, CancellationToken.None);
        }

        await Task.WhenAll(flooders);
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        return new FloodResult(scrapes, counts.Sum() / seconds, counts[1], counts[2]);
    }

    private static async Task FloodAsync(Uri baseAddress, string path, bool reconnect, IPAddress from, int[] counts, CancellationToken stop)
    {
        using var client = new HttpClient(new SocketsHttpHandler
        {
            ConnectCallback = async (context, token) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                socket.Bind(new IPEndPoint(from, 0));
                await socket.ConnectAsync(context.DnsEndPoint, token);
                return new NetworkStream(socket, ownsSocket: true);
            },
        }) { BaseAddress = baseAddress };
        while (!stop.IsCancellationRequested)
        {
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
                request.Headers.ConnectionClose = reconnect;
                using var response = await client.SendAsync(request, stop);
                var slot = response.StatusCode switch { HttpStatusCode.OK or HttpStatusCode.NotFound => 1, HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable => 2, _ => 0 };
                Interlocked.Increment(ref counts[slot]);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (HttpRequestException)
            {
                Interlocked.Increment(ref counts[0]);
            }
        }
    }

    private static Process StartExporter(int port, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "vbrick-exporter.dll"));
        start.ArgumentList.Add("--demo");
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://0.0.0.0:{port}");
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["DOTNET_gcServer"] = "0";
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitUntilUpAsync(Uri baseAddress)
    {
        using var client = new HttpClient { BaseAddress = baseAddress };
        for (var i = 0; i < 300; i++)
        {
            try
            {
                using var response = await client.GetAsync(new Uri("healthz", UriKind.Relative));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(100);
        }

        throw new InvalidOperationException("the exporter did not start");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    private sealed record FloodResult(List<double> Scrapes, double FloodPerSecond, int Ok, int Refused);
}
