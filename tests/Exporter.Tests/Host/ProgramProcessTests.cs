using System.Diagnostics;
using Vbrick.Exporter.Demo;
using Vbrick.Exporter.Tests.Support;
using Vbrick.Rev.Simulator;
using Vbrick.Rev.Simulator.Audience;
using Vbrick.Rev.Simulator.Faults;

namespace Vbrick.Exporter.Tests.Host;

/// <summary>The README's demo command and the exporter's exit behaviour, on the real built binary.</summary>
[Trait(Tier.Name, Tier.Slow)]
public sealed class ProgramProcessTests
{
    [Fact]
    public async Task DemoFlag_ServesLiveMetricsFromTheEmbeddedSimulator_AndExitsZeroOnSigterm()
    {
        var port = ExporterProcess.FreePort();
        await using var process = ExporterProcess.Start(["--demo", "--urls", $"http://127.0.0.1:{port}"]);
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };

        // At Rev's real rate (the demo's default) the event-wide figures come first, from each
        // event's first page; head counts follow within minutes (the end-to-end test waits for them).
        var scrape = await Eventually.ValueAsync(
            async () => new Scrape(await client.GetStringAsync(new Uri("metrics", UriKind.Relative), TestContext.Current.CancellationToken)),
            s => s.Series("vbrick_webcast_audience").Any(),
            TimeSpan.FromSeconds(60),
            "event-wide figures on the demo's /metrics");

        Assert.True(scrape.Series("vbrick_webcast_event_info").Count() >= 2);
        Assert.Equal(2, scrape.Value("vbrick_exporter_budget_effective_per_minute", ("family", "realtime_attendees")));
        Assert.Equal(1, scrape.Value("vbrick_exporter_demo"));
        process.Terminate();
        Assert.True(await process.WaitForExitAsync(TimeSpan.FromSeconds(15)), "the exporter did not stop within 15 s of SIGTERM");
        Assert.Equal(0, process.ExitCode);
        Assert.Contains("Polling stopped", process.Stdout, StringComparison.Ordinal);
        Assert.Contains("basic authentication off, TLS off; Rev over http (Rev:AllowInsecureHttp) [demo: simulated Rev]", process.Stdout, StringComparison.Ordinal);
        Assert.Contains($"vbrick-exporter {BuildVersion.Version} (commit {BuildVersion.Revision}) serving http://127.0.0.1:{port}", process.Stdout, StringComparison.Ordinal);
        // Every log entry starts with its UTC time, as journald-less containers need.
        Assert.Matches(new System.Text.RegularExpressions.Regex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z info: ", System.Text.RegularExpressions.RegexOptions.Multiline), process.Stdout);

        // Nothing personal the demo audience carries may reach the scrape or the process output.
        var output = process.Stdout + process.Stderr + scrape.Text;
        var demo = DemoMode.CreateSimulatorOptions(new DemoOptions(), DateTimeOffset.UtcNow);
        Assert.DoesNotContain(demo.Secret, output, StringComparison.Ordinal);
        Assert.DoesNotContain("sim-", output, StringComparison.Ordinal);
        foreach (var simulated in demo.Events)
        {
            var model = new AudienceModel(simulated);
            foreach (var viewer in model.RecordsAt(simulated.StartsAt + simulated.Duration))
            {
                foreach (var personal in new[] { viewer.Email, viewer.Username, viewer.FullName, viewer.IpAddress, viewer.UserAgent, viewer.UserId, viewer.SessionId })
                {
                    Assert.DoesNotContain(personal, output, StringComparison.Ordinal);
                }
            }
        }
    }

    [Fact]
    public async Task Sigterm_WithARevRequestInFlight_CancelsItAndExitsZeroPromptly()
    {
        var options = SimulatorScenarios.OneEvent(200, limitPerMinute: null);
        options.Events[0].StartsAt = DateTimeOffset.UtcNow - TimeSpan.FromMinutes(10);
        await using var simulator = new RevSimulator(options);
        await simulator.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        simulator.Faults.Add(new Fault(FaultTarget.RealtimeAttendees, FaultKind.Delay) { Delay = TimeSpan.FromMinutes(10) });
        await using var process = ExporterProcess.Start(
        [
            "--urls", $"http://127.0.0.1:{ExporterProcess.FreePort()}",
            "--Rev:Url", simulator.BaseAddress.ToString(), "--Rev:ApiKey", options.ApiKey, "--Rev:Secret", options.Secret,
            "--Rev:AllowInsecureHttp", "true", "--Rev:RequestTimeout", "00:05:00", "--Events:Ids:0", SimulatorScenarios.SmallEventId,
            "--Logging:Console:FormatterName", "json",
        ]);

        await Eventually.UntilAsync(() => simulator.Stats.Requests(FaultTarget.RealtimeAttendees) > 0, TimeSpan.FromSeconds(30), "a real-time request reaching the simulator");

        Assert.Equal(1, simulator.Stats.Requests(FaultTarget.RealtimeAttendees));
        var stopping = Stopwatch.StartNew();
        process.Terminate();

        Assert.True(await process.WaitForExitAsync(TimeSpan.FromSeconds(20)), "the exporter hung on an in-flight request");
        Assert.True(stopping.Elapsed < TimeSpan.FromSeconds(10), $"stopping took {stopping.Elapsed}");
        Assert.Equal(0, process.ExitCode);

        // JSON logs: one object a line, each with its UTC time.
        var lines = process.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.NotEmpty(lines);
        Assert.All(lines, line => Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z ?$", System.Text.Json.JsonDocument.Parse(line).RootElement.GetProperty("Timestamp").GetString()));
    }

    // Every configuration rule is checked in process (ExporterCommandsTests); here, that the real
    // binary turns a failure of each kind (a rule, a value of the wrong type) into exit code 2.
    [Theory]
    [InlineData(new[] { "--Rev:ApiKey=k", "--Rev:Secret=s" }, "Rev:Url is required")]
    [InlineData(new[] { "--Rev:Url=https://rev.example.test", "--Rev:ApiKey=k", "--Rev:Secret=s", "--Polling:Interval=banana" }, "Polling:Interval")]
    public async Task BadConfiguration_StopsWithOneClearLineNamingTheKeyAndExitCode2(string[] arguments, string expected)
    {
        await using var process = ExporterProcess.Start([.. arguments, "--urls", $"http://127.0.0.1:{ExporterProcess.FreePort()}"]);

        Assert.True(await process.WaitForExitAsync(TimeSpan.FromSeconds(30)), "the exporter should refuse to start, not hang");
        Assert.Equal(2, process.ExitCode);
        var errorLine = Assert.Single(process.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.Contains(expected, StringComparison.Ordinal));
        Assert.StartsWith("Configuration error: ", errorLine, StringComparison.Ordinal);
        // Neither the host's own log of the failed start nor the runtime prints a stack trace.
        Assert.DoesNotContain("   at ", process.Stdout + process.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BusyPort_IsOneLineAndExitCode2_NotAnAbort()
    {
        using var holder = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        holder.Start();
        var port = ((System.Net.IPEndPoint)holder.LocalEndpoint).Port;

        await using var process = ExporterProcess.Start(["--demo", "--urls", $"http://127.0.0.1:{port}"]);

        Assert.True(await process.WaitForExitAsync(TimeSpan.FromSeconds(30)), "the exporter should stop, not hang, when its port is taken");
        Assert.Equal(2, process.ExitCode);
        var line = Assert.Single(process.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.Equal($"Configuration error: urls (--urls): Failed to bind to address http://127.0.0.1:{port}: address already in use; choose another port or stop what holds it.", line);
        Assert.DoesNotContain("   at ", process.Stdout + process.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadUrls_IsOneLineAndExitCode2_BeforeAnythingStarts()
    {
        await using var process = ExporterProcess.Start(["--demo", "--urls", "notaurl"]);

        Assert.True(await process.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(2, process.ExitCode);
        Assert.StartsWith("Configuration error: urls (--urls): 'notaurl' is not an address", process.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", process.Stdout + process.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Polling started", process.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EditedSettingsFile_ChangesTheWatchedEvents_WithoutARestart()
    {
        var options = new RevSimulatorOptions
        {
            RealtimeRequestsPerMinute = null,
            Events = [SimulatorScenarios.LiveEvent(SimulatorScenarios.SmallEventId, 200, seed: 61), SimulatorScenarios.LiveEvent(SimulatorScenarios.LargeEventId, 150, seed: 62)],
        };
        foreach (var simulated in options.Events)
        {
            simulated.StartsAt = DateTimeOffset.UtcNow - TimeSpan.FromMinutes(10);
        }

        await using var simulator = new RevSimulator(options);
        await simulator.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        var root = Directory.CreateTempSubdirectory("vbrick-reload-root-");
        var settings = Path.Combine(root.FullName, "appsettings.json");
        string File(params string[] ids) => System.Text.Json.JsonSerializer.Serialize(new
        {
            Rev = new { Url = simulator.BaseAddress.ToString(), options.ApiKey, options.Secret, AllowInsecureHttp = true, RateLimits = new { RealtimeAttendeesPerMinute = 600 } },
            Polling = new { Interval = "00:00:01" },
            Events = new { Ids = ids },
        });
        await System.IO.File.WriteAllTextAsync(settings, File(SimulatorScenarios.SmallEventId), TestContext.Current.CancellationToken);
        var port = ExporterProcess.FreePort();
        await using var process = ExporterProcess.Start(["--contentRoot", root.FullName, "--urls", $"http://127.0.0.1:{port}"]);
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
        async Task<Scrape> ScrapeUntil(Func<Scrape, bool> done, string what) => await Eventually.ValueAsync(
            async () => new Scrape(await client.GetStringAsync(new Uri("metrics", UriKind.Relative), TestContext.Current.CancellationToken)), done, TimeSpan.FromSeconds(30), what);

        var before = await ScrapeUntil(s => s.Value("vbrick_webcast_sweeps_total", ("event_id", SimulatorScenarios.SmallEventId), ("outcome", "completed")) >= 1, "a sweep of the configured event");
        Assert.DoesNotContain(before.Series("vbrick_webcast_event_info"), s => s.Labels["event_id"] == SimulatorScenarios.LargeEventId);

        await System.IO.File.WriteAllTextAsync(settings, File(SimulatorScenarios.SmallEventId, SimulatorScenarios.LargeEventId), TestContext.Current.CancellationToken);
        var after = await ScrapeUntil(s => s.Series("vbrick_webcast_event_info").Any(x => x.Labels["event_id"] == SimulatorScenarios.LargeEventId), "the added event on /metrics");

        Assert.True(after.Value("vbrick_webcast_sweeps_total", ("event_id", SimulatorScenarios.SmallEventId), ("outcome", "completed")) >= before.Value("vbrick_webcast_sweeps_total", ("event_id", SimulatorScenarios.SmallEventId), ("outcome", "completed")));
        Assert.True(after.Value("vbrick_exporter_config_reloads_total", ("outcome", "success")) >= 1);

        // An edit that breaks the file is refused, said in one line, and the process lives on.
        await System.IO.File.WriteAllTextAsync(settings, File("not-a-webcast"), TestContext.Current.CancellationToken);
        await ScrapeUntil(s => s.Value("vbrick_exporter_config_last_reload_successful") == 0, "the invalid edit refused");
        Assert.False(process.HasExited);
        process.Terminate();
        Assert.True(await process.WaitForExitAsync(TimeSpan.FromSeconds(15)));
        Assert.Equal(0, process.ExitCode);
        Assert.Contains("Configuration reloaded: watching event " + SimulatorScenarios.LargeEventId, process.Stdout, StringComparison.Ordinal);
        Assert.Contains("Configuration reload refused, the running configuration is kept: Events:Ids:0 is not a webcast id", process.Stdout, StringComparison.Ordinal);
        root.Delete(recursive: true);
    }

    [Fact]
    public async Task TypoKey_IsAWarningAtStart_WithTheNearestKey_AndTheExporterRuns()
    {
        var port = ExporterProcess.FreePort();
        await using var process = ExporterProcess.Start(["--demo", "--urls", $"http://127.0.0.1:{port}", "--Events:Discovr=false"]);
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };

        await Eventually.UntilAsync(
            async () => (await client.GetAsync(new Uri("healthz", UriKind.Relative), TestContext.Current.CancellationToken)).IsSuccessStatusCode,
            TimeSpan.FromSeconds(30),
            "the exporter serving despite the unknown key");
        process.Terminate();
        Assert.True(await process.WaitForExitAsync(TimeSpan.FromSeconds(15)));

        Assert.Equal(0, process.ExitCode);
        Assert.Contains("warn: Vbrick.Exporter.Hosting.StartupReport[11]", process.Stdout, StringComparison.Ordinal);
        Assert.Contains("Configuration: Events:Discovr is not a setting of this exporter (ignored); did you mean Events:Discover?", process.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HelpVersionAndCheckConfig_AnswerWithoutStartingTheExporter()
    {
        await using var help = ExporterProcess.Start(["--help"]);
        await using var version = ExporterProcess.Start(["--version"]);
        await using var shortVersion = ExporterProcess.Start(["-v"]);
        await using var valid = ExporterProcess.Start(["--check-config", "--Rev:Url=https://rev.example.test", "--Rev:ApiKey=k", "--Rev:Secret=very-secret-value-123"]);
        await using var invalid = ExporterProcess.Start(["--check-config", "--Rev:Url=https://rev.example.test"]);

        foreach (var process in new[] { help, version, shortVersion, valid, invalid })
        {
            Assert.True(await process.WaitForExitAsync(TimeSpan.FromSeconds(30)), "a command must not start the exporter");
        }

        Assert.Equal(0, help.ExitCode);
        Assert.Contains("Rev:RateLimits:RealtimeAttendeesPerMinute [2]", help.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, version.ExitCode);
        Assert.StartsWith("vbrick-exporter ", version.Stdout, StringComparison.Ordinal);
        Assert.Equal(version.Stdout, shortVersion.Stdout);
        Assert.Equal(0, valid.ExitCode);
        Assert.Contains("Configuration is valid", valid.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("very-secret-value-123", valid.Stdout + valid.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, invalid.ExitCode);
        Assert.Contains("Configuration error: ", invalid.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Polling started", help.Stdout + version.Stdout + valid.Stdout + invalid.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SecretFromEnvironment_NeverAppearsInTheErrorOutput()
    {
        await using var process = ExporterProcess.Start(
            ["--urls", $"http://127.0.0.1:{ExporterProcess.FreePort()}"],
            new Dictionary<string, string> { ["Rev__Url"] = "http://insecure.example.test", ["Rev__ApiKey"] = "k", ["Rev__Secret"] = "very-secret-value-123" });

        Assert.True(await process.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(2, process.ExitCode);
        Assert.DoesNotContain("very-secret-value-123", process.Stderr + process.Stdout, StringComparison.Ordinal);
        Assert.Contains("Rev:Url must use https", process.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingTlsCertificate_IsAConfigurationError_WithExitCode2()
    {
        await using var process = ExporterProcess.Start(
        [
            "--demo", "--urls", $"https://127.0.0.1:{ExporterProcess.FreePort()}",
            "--Kestrel:Certificates:Default:Path=/nonexistent/cert.pem",
            "--Kestrel:Certificates:Default:KeyPath=/nonexistent/key.pem",
        ]);

        Assert.True(await process.WaitForExitAsync(TimeSpan.FromSeconds(30)), "the exporter should refuse to start, not hang");
        Assert.Equal(2, process.ExitCode);
        Assert.Contains("Configuration error: Kestrel:Certificates:Default:Path (/nonexistent/cert.pem)", process.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", process.Stderr, StringComparison.Ordinal);
    }
}
