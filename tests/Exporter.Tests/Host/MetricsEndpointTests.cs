using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Vbrick.Exporter.Tests.Support;
using Vbrick.Rev.Simulator;
using Vbrick.Rev.Simulator.Faults;

namespace Vbrick.Exporter.Tests.Host;

public sealed class MetricsEndpointTests(ExporterHostFixture host) : IClassFixture<ExporterHostFixture>
{
    [Fact]
    public async Task Metrics_AfterPolling_ServesEveryCoreSeriesInPrometheusText()
    {
        var text = await host.ScrapeAfterSweepsAsync();

        var scrape = new Scrape(text);
        foreach (var name in new[]
        {
            "vbrick_webcast_audience", "vbrick_webcast_sessions", "vbrick_webcast_rebuffering_ratio", "vbrick_webcast_rebuffer_duration_average_seconds",
            "vbrick_webcast_errors_per_attendee", "vbrick_webcast_multicast_errors_per_attendee", "vbrick_webcast_figures_timestamp_seconds",
            "vbrick_webcast_attendees", "vbrick_webcast_sweep_timestamp_seconds", "vbrick_webcast_sweep_coverage_ratio",
            "vbrick_webcast_attendee_bitrate_bytes_per_second_bucket", "vbrick_webcast_attendee_bandwidth_bytes_per_second_bucket",
            "vbrick_webcast_buffering_events_total", "vbrick_webcast_buffering_seconds_total", "vbrick_webcast_playback_errors_total",
            "vbrick_webcast_multicast_failovers_total", "vbrick_webcast_event_info", "vbrick_webcast_up", "vbrick_webcast_last_success_timestamp_seconds",
            "vbrick_exporter_rev_requests_total", "vbrick_exporter_rev_request_duration_seconds_bucket", "vbrick_exporter_budget_requests_total",
            "vbrick_exporter_budget_wait_seconds_bucket", "vbrick_exporter_auth_renewals_total", "vbrick_exporter_build_info",
        })
        {
            Assert.True(scrape.Samples.Any(s => s.Name == name), $"{name} is missing");
        }

        Assert.Equal(2, scrape.Series("vbrick_webcast_up").Count(s => s.Value == 1));

        // Against a Rev (here the simulator on loopback, not demo mode) the data are a tenant's.
        Assert.Equal(0, scrape.Value("vbrick_exporter_demo"));
    }

    [Theory]
    [InlineData("/metrics", "text/plain")]
    [InlineData("/", "text/html")]
    [InlineData("/healthz", "text/plain")]
    [InlineData("/readyz", "text/plain")]
    public async Task Head_IsAnsweredWhereverGetIs_WithGetsStatusAndContentType(string path, string mediaType)
    {
        await host.ScrapeAfterSweepsAsync();
        using var client = host.Factory.CreateClient();

        using var get = await client.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);
        using var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, new Uri(path, UriKind.Relative)), TestContext.Current.CancellationToken);

        Assert.Equal(System.Net.HttpStatusCode.OK, get.StatusCode);
        Assert.Equal(get.StatusCode, head.StatusCode);
        Assert.Equal(mediaType, head.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Metrics_ContentType_IsPrometheusTextOrOpenMetricsOnRequest()
    {
        using var client = host.Factory.CreateClient();

        using var text = await client.GetAsync(new Uri("/metrics", UriKind.Relative), TestContext.Current.CancellationToken);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Accept.ParseAdd("application/openmetrics-text; version=1.0.0");
        using var open = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", text.Content.Headers.ContentType?.ToString());
        Assert.StartsWith("application/openmetrics-text", open.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
        Assert.EndsWith("# EOF\n", await open.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_AskedForGzip_AreCompressed_AndDecompressToTheSameSeries()
    {
        await host.ScrapeAfterSweepsAsync();
        using var client = host.Factory.CreateClient();
        using var plainRequest = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        using var gzipRequest = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        gzipRequest.Headers.AcceptEncoding.ParseAdd("gzip");
        using var refusedRequest = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        refusedRequest.Headers.AcceptEncoding.ParseAdd("gzip;q=0");

        using var plain = await client.SendAsync(plainRequest, TestContext.Current.CancellationToken);
        using var gzip = await client.SendAsync(gzipRequest, TestContext.Current.CancellationToken);
        using var refused = await client.SendAsync(refusedRequest, TestContext.Current.CancellationToken);

        Assert.Empty(plain.Content.Headers.ContentEncoding);
        Assert.Empty(refused.Content.Headers.ContentEncoding);
        Assert.Equal("gzip", Assert.Single(gzip.Content.Headers.ContentEncoding));
        var compressed = await gzip.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        await using var unzip = new System.IO.Compression.GZipStream(new MemoryStream(compressed), System.IO.Compression.CompressionMode.Decompress);
        using var reader = new StreamReader(unzip);
        var text = await reader.ReadToEndAsync(TestContext.Current.CancellationToken);
        var plainText = await plain.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(compressed.Length * 4 < plainText.Length, $"{compressed.Length} compressed bytes for {plainText.Length}");
        Assert.Equal(new Scrape(plainText).Series("vbrick_webcast_attendees").Count(), new Scrape(text).Series("vbrick_webcast_attendees").Count());
    }

    [Fact]
    public async Task StatusPage_CarriesNoSniffAndAPolicyThatAllowsNoScript()
    {
        using var client = host.Factory.CreateClient();

        using var page = await client.GetAsync(new Uri("/", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal("nosniff", page.Headers.GetValues("X-Content-Type-Options").Single());
        var policy = page.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("default-src 'none'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("script-src", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StatusPage_WaitsForAPublicationInProgress_WithoutBlocking_ThenShowsTheEvents()
    {
        await host.ScrapeAfterSweepsAsync();
        using var client = host.Factory.CreateClient();
        var metrics = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Vbrick.Exporter.Metrics.ExporterMetrics>(host.Factory.Services);

        Task<string> page;
        using (metrics.Exclusive())
        {
            page = client.GetStringAsync(new Uri("/", UriKind.Relative), TestContext.Current.CancellationToken);

            // A page may only be taken from a complete publication: the request is seen waiting at
            // the gate (observed, not inferred from a while of silence) and has no answer yet. The
            // host's poller may be waiting there too, hence "at least one".
            await Eventually.UntilAsync(() => metrics.PublicationGate.Waiting >= 1, TimeSpan.FromSeconds(30), "the status page to wait at the publication gate");
            Assert.False(page.IsCompleted);
        }

        var html = await page.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        Assert.Contains("<h2>Events</h2>", html, StringComparison.Ordinal);
        Assert.Contains(SimulatorScenarios.SmallEventId, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_ScrapedManyTimes_NeverCallsRev()
    {
        // The host's clock stands still, so once its first step is done the poller waits for good:
        // a Rev call after that could only come from a scrape.
        var clock = new FakeTimeProvider(ExporterHarness.Epoch);
        await using var simulator = new RevSimulator(SimulatorScenarios.OneEvent(100), clock);
        await simulator.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        await using var factory = TestHost.For(
            simulator,
            new Dictionary<string, string?> { ["Events:Ids:0"] = SimulatorScenarios.SmallEventId },
            web => web.ConfigureServices(services => services.AddSingleton<TimeProvider>(clock)));
        using var client = factory.CreateClient();
        await Eventually.ValueAsync(
            async () => new Scrape(await client.GetStringAsync(new Uri("/metrics", UriKind.Relative), TestContext.Current.CancellationToken)),
            scrape => scrape.Value("vbrick_exporter_loop_heartbeat_timestamp_seconds") > 0,
            TimeSpan.FromSeconds(30),
            "the poller's first step");
        var before = RevCalls(simulator);

        for (var i = 0; i < 200; i++)
        {
            await client.GetStringAsync(new Uri("/metrics", UriKind.Relative), TestContext.Current.CancellationToken);
        }

        Assert.True(before >= 3, $"the first step made {before} Rev calls (sign-in, status, a real-time page)");
        Assert.Equal(before, RevCalls(simulator));

        static int RevCalls(RevSimulator simulator) => Enum.GetValues<FaultTarget>().Sum(simulator.Stats.Requests);
    }

    [Fact]
    public async Task HealthAndReadiness_AfterASuccessfulPoll_AreOk()
    {
        await host.ScrapeAfterSweepsAsync();
        using var client = host.Factory.CreateClient();

        using var health = await client.GetAsync(new Uri("/healthz", UriKind.Relative), TestContext.Current.CancellationToken);
        using var ready = await client.GetAsync(new Uri("/readyz", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(System.Net.HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.OK, ready.StatusCode);
    }

    [Fact]
    public async Task ScrapeAndLogs_ContainNoPersonalDataTokenOrSecret()
    {
        var text = await host.ScrapeAfterSweepsAsync();
        var logs = host.Logs.AllText();

        var forbidden = new List<string> { "host-fixture-secret-value" };
        forbidden.AddRange(host.Simulator.IssuedTokens);
        foreach (var id in new[] { SimulatorScenarios.SmallEventId, SimulatorScenarios.LargeEventId })
        {
            foreach (var viewer in host.Simulator.Audience(id).RecordsAt(DateTimeOffset.UtcNow))
            {
                forbidden.AddRange([viewer.Email, viewer.Username, viewer.FullName, viewer.IpAddress, viewer.UserAgent, viewer.UserId, viewer.SessionId]);
            }
        }

        Assert.True(forbidden.Count > 1000);
        Assert.NotEmpty(host.Simulator.IssuedTokens);
        foreach (var value in forbidden)
        {
            Assert.DoesNotContain(value, text, StringComparison.Ordinal);
            Assert.DoesNotContain(value, logs, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Scrape_PassesPromtoolCheckMetrics()
    {
        var promtool = PromtoolLocator.Find();

        var text = await host.ScrapeAfterSweepsAsync();

        var (exitCode, output) = await PromtoolLocator.RunAsync(promtool, "check metrics", text);
        Assert.True(exitCode == 0 && output.Trim().Length == 0, output);
    }
}
