using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;

namespace Vbrick.Exporter.Benchmarks;

/// <summary>
/// Wrong-password floods against the built exporter (a child process in demo mode, one bcrypt user
/// at cost 10), the way an attacker on the network would send them: every password new, so no
/// failure cache helps. Reports <c>/healthz</c> latency idle and under a 16-connection flood from
/// one address and from 16 addresses (127.0.0.2-17: the per-client limiter cannot help there,
/// the bcrypt slot cap must), and how long a wrong password takes for a known and an unknown user.
/// </summary>
public static class AuthFloodRun
{
    private const string User = "prometheus";

    public static async Task RunAsync(TextWriter output, TimeSpan floodFor)
    {
        var port = FreePort();
        var hash = BCrypt.Net.BCrypt.HashPassword("the-right-password", 10);
        using var exporter = StartExporter(port, hash);
        try
        {
            await MeasureAsync(output, new Uri($"http://127.0.0.1:{port}/"), floodFor);
        }
        finally
        {
            exporter.Kill(entireProcessTree: true);
        }
    }

    private static async Task MeasureAsync(TextWriter output, Uri baseAddress, TimeSpan floodFor)
    {
        await WaitUntilUpAsync(baseAddress);

        await output.WriteLineAsync($"Machine: {Environment.ProcessorCount} cores, {RuntimeInfo()}; exporter in its own process, bcrypt cost 10.");
        var (known, unknown) = await WrongPasswordTimesAsync(baseAddress, 40);
        await output.WriteLineAsync($"| wrong password, one at a time (4/s, under the per-client limit) | median ms | mean ms |");
        await output.WriteLineAsync("|---|---|---|");
        await output.WriteLineAsync($"| known user | {Median(known):0.0} | {known.Average():0.0} |");
        await output.WriteLineAsync($"| unknown user | {Median(unknown):0.0} | {unknown.Average():0.0} |");
        await output.WriteLineAsync($"| unknown / known (median) | {Median(unknown) / Median(known):0.00} | {unknown.Average() / known.Average():0.00} |");
        await output.WriteLineAsync();

        await output.WriteLineAsync("| /healthz while | probes | p50 ms | p99 ms | max ms | flood answers/s | 401 | 429 |");
        await output.WriteLineAsync("|---|---|---|---|---|---|---|---|");
        await ReportAsync(output, "idle", await ProbeDuringAsync(baseAddress, floodFor, flood: null));
        await ReportAsync(output, "16 connections, one address", await ProbeDuringAsync(baseAddress, floodFor, flood: i => IPAddress.Loopback));
        await ReportAsync(output, "16 connections, 16 addresses", await ProbeDuringAsync(baseAddress, floodFor, flood: i => new IPAddress([127, 0, 0, (byte)(2 + i)])));
        await output.WriteLineAsync();

        await output.WriteLineAsync("| new user's first login (the right password, a fresh address) while wrong passwords flood from | tries | in within 3 s | slowest ms |");
        await output.WriteLineAsync("|---|---|---|---|");
        foreach (var addresses in new[] { 64, 256 })
        {
            var logins = await NewUsersDuringFloodAsync(baseAddress, addresses);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"| {addresses} addresses, one connection each | {logins.Count} | {logins.Count(l => l.Ok && l.Ms <= 3_000)} | {logins.Max(l => l.Ms):0} |"));
        }
    }

    /// <summary>
    /// Wrong passwords from <paramref name="addresses"/> loopback addresses (127.0.1.0 up) for 20 s;
    /// from 5 s in, six new users each log in once with the right password from an address of their
    /// own (127.0.3.x), a second apart.
    /// </summary>
    private static async Task<List<(bool Ok, double Ms)>> NewUsersDuringFloodAsync(Uri baseAddress, int addresses)
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var counts = new int[3];
        var attackers = Enumerable.Range(0, addresses)
            .Select(i => Task.Run(() => AttackAsync(baseAddress, new IPAddress([127, 0, (byte)(1 + (i / 250)), (byte)(1 + (i % 250))]), counts, stop.Token)))
            .ToArray();
        await Task.Delay(TimeSpan.FromSeconds(5));
        var logins = new List<(bool Ok, double Ms)>();
        for (var i = 0; i < 6; i++)
        {
            using var client = ClientFrom(baseAddress, new IPAddress([127, 0, 3, (byte)(1 + i)]));
            using var request = Request(User, "the-right-password");
            var started = Stopwatch.GetTimestamp();
            using var response = await client.SendAsync(request);
            logins.Add((response.StatusCode == HttpStatusCode.OK, Stopwatch.GetElapsedTime(started).TotalMilliseconds));
            await Task.Delay(TimeSpan.FromSeconds(1));
        }

        await Task.WhenAll(attackers);
        return logins;
    }

    private static async Task ReportAsync(TextWriter output, string name, FloodResult result) =>
        await output.WriteLineAsync(string.Create(
            CultureInfo.InvariantCulture,
            $"| {name} | {result.Probes.Count} | {Percentile(result.Probes, 0.5):0.0} | {Percentile(result.Probes, 0.99):0.0} | {result.Probes.Max():0.0} | {result.FloodPerSecond:0} | {result.Unauthorized} | {result.Throttled} |"));

    private static async Task<(List<double> Known, List<double> Unknown)> WrongPasswordTimesAsync(Uri baseAddress, int each)
    {
        using var client = new HttpClient { BaseAddress = baseAddress };
        var known = new List<double>();
        var unknown = new List<double>();
        for (var i = 0; i < each * 2; i++)
        {
            var user = i % 2 == 0 ? User : "nobody-" + i.ToString(CultureInfo.InvariantCulture);
            using var request = Request(user, "wrong-" + Guid.NewGuid().ToString("N"));
            var started = Stopwatch.GetTimestamp();
            using var response = await client.SendAsync(request);
            var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (response.StatusCode != HttpStatusCode.Unauthorized)
            {
                throw new InvalidOperationException($"expected 401, got {(int)response.StatusCode}");
            }

            (i % 2 == 0 ? known : unknown).Add(ms);
            await Task.Delay(250);
        }

        return (known, unknown);
    }

    private static async Task<FloodResult> ProbeDuringAsync(Uri baseAddress, TimeSpan duration, Func<int, IPAddress>? flood)
    {
        using var stop = new CancellationTokenSource(duration);
        var counts = new int[3];
        var attackers = flood is null
            ? []
            : Enumerable.Range(0, 16).Select(i => Task.Run(() => AttackAsync(baseAddress, flood(i), counts, stop.Token))).ToArray();

        using var probeClient = new HttpClient { BaseAddress = baseAddress };
        var probes = new List<double>();
        var started = Stopwatch.GetTimestamp();
        while (!stop.IsCancellationRequested)
        {
            var at = Stopwatch.GetTimestamp();
            using (var response = await probeClient.GetAsync(new Uri("healthz", UriKind.Relative), CancellationToken.None))
            {
                response.EnsureSuccessStatusCode();
            }

            probes.Add(Stopwatch.GetElapsedTime(at).TotalMilliseconds);
            await Task.Delay(10, CancellationToken.None);
        }

        await Task.WhenAll(attackers);
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        return new FloodResult(probes, counts.Sum() / seconds, counts[1], counts[2]);
    }

    /// <summary>A client whose connections come from <paramref name="from"/> (any 127.x address reaches the loopback listener).</summary>
    private static HttpClient ClientFrom(Uri baseAddress, IPAddress from) => new(new SocketsHttpHandler
    {
        ConnectCallback = async (context, token) =>
        {
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            socket.Bind(new IPEndPoint(from, 0));
            await socket.ConnectAsync(context.DnsEndPoint, token);
            return new NetworkStream(socket, ownsSocket: true);
        },
    }) { BaseAddress = baseAddress };

    private static async Task AttackAsync(Uri baseAddress, IPAddress from, int[] counts, CancellationToken stop)
    {
        using var client = ClientFrom(baseAddress, from);
        while (!stop.IsCancellationRequested)
        {
            try
            {
                using var request = Request(User, "wrong-" + Guid.NewGuid().ToString("N"));
                using var response = await client.SendAsync(request, stop);
                var slot = response.StatusCode switch { HttpStatusCode.Unauthorized => 1, HttpStatusCode.TooManyRequests => 2, _ => 0 };
                Interlocked.Increment(ref counts[slot]);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private static HttpRequestMessage Request(string user, string password)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "metrics");
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + password)));
        return request;
    }

    private static Process StartExporter(int port, string hash)
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
        start.Environment["Web__BasicAuthUsers__" + User] = hash;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
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

    private static double Median(List<double> values) => Percentile(values, 0.5);

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    private static string RuntimeInfo() => System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription + " on " + System.Runtime.InteropServices.RuntimeInformation.OSDescription;

    private sealed record FloodResult(List<double> Probes, double FloodPerSecond, int Unauthorized, int Throttled);
}
