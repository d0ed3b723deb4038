using System.Diagnostics;
using Vbrick.Exporter.Tests.Support;

namespace Vbrick.Exporter.Tests.Host;

/// <summary>
/// The <c>/</c> status page of a running demo exporter, rendered by headless Chromium (Debian's
/// <c>chromium</c>): the DOM it builds, with no script, and a screenshot kept in <c>artifacts/</c>
/// (docs/status-page.png, which the README shows, is a copy of it).
/// </summary>
[Trait(Tier.Name, Tier.Slow)]
public sealed class StatusPageBrowserTests
{
    [Fact]
    public async Task StatusPage_RendersEventsBudgetAndLinks_InHeadlessChromium()
    {
        var chromium = RequiredTool.Find("chromium", "Debian's chromium package", "/usr/bin/chromium", "/usr/bin/chromium-browser");

        var port = ExporterProcess.FreePort();
        // The faster demo: this test is about rendering, and a complete sweep comes sooner.
        await using var exporter = ExporterProcess.Start(["--demo", "--urls", $"http://127.0.0.1:{port}", "--Demo:RealtimeRequestsPerMinute=30"]);
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
        await Eventually.ValueAsync(
            async () => new Scrape(await client.GetStringAsync(new Uri("metrics", UriKind.Relative), TestContext.Current.CancellationToken)),
            scrape => scrape.Value("vbrick_webcast_sweep_timestamp_seconds") is not null,
            TimeSpan.FromSeconds(30),
            "a complete sweep on the demo");

        var url = $"http://127.0.0.1:{port}/";
        var dom = await RunChromiumAsync(chromium, "--dump-dom", url);
        var artifacts = Path.Combine(RepositoryFiles.Root, "artifacts");
        Directory.CreateDirectory(artifacts);
        var screenshot = Path.Combine(artifacts, "status-page.png");
        File.Delete(screenshot);
        await RunChromiumAsync(chromium, $"--screenshot={screenshot} --window-size=1280,1000", url);

        Assert.Contains("Vbrick Rev webcast exporter", dom, StringComparison.Ordinal);
        Assert.Contains("Global all-hands town hall", dom, StringComparison.Ordinal);
        Assert.Contains("Demo mode:", dom, StringComparison.Ordinal);
        Assert.Contains("realtime_attendees", dom, StringComparison.Ordinal);
        Assert.Contains(">live<", dom, StringComparison.Ordinal);
        Assert.Contains(">full<", dom, StringComparison.Ordinal);
        Assert.Contains("Scroll lifetime planned with: 60 s", dom, StringComparison.Ordinal);
        Assert.Contains("href=\"/metrics\"", dom, StringComparison.Ordinal);
        Assert.Contains("href=\"/healthz\"", dom, StringComparison.Ordinal);
        Assert.Contains("s ago)", dom, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", dom, StringComparison.OrdinalIgnoreCase);
        Assert.True(new FileInfo(screenshot).Length > 10_000, "the screenshot should show a rendered page");
        exporter.Terminate();
    }

    private static async Task<string> RunChromiumAsync(string chromium, string arguments, string url)
    {
        var profile = Directory.CreateTempSubdirectory("chromium-profile-");
        try
        {
            // Without the background-networking flags Chromium tries Google's hosts at every start.
            var start = new ProcessStartInfo(chromium, $"--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking --disable-component-update --disable-sync --disable-dev-shm-usage --user-data-dir={profile.FullName} {arguments} {url}")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
            var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await process.WaitForExitAsync(timeout.Token);
            await stderr;
            return await stdout;
        }
        finally
        {
            profile.Delete(recursive: true);
        }
    }
}
