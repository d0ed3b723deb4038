using Vbrick.Exporter.Hosting;
using Vbrick.Exporter.Metrics;
using Vbrick.Exporter.Tests.Support;

namespace Vbrick.Exporter.Tests.Metrics;

/// <summary><c>Metrics:Exclude</c>: whole families left out of /metrics and OTLP, the rest untouched.</summary>
public sealed class FamilyExclusionTests
{
    [Fact]
    public async Task ExcludedFamilies_AreNotServed_WhileTheirCodePathsKeepWorking()
    {
        var registry = Prometheus.Metrics.NewCustomRegistry();
        var metrics = new ExporterMetrics(registry, [MetricsOptions.Histograms, "vbrick_webcast_sessions"]);

        // Written to as the pollers write; an excluded family must take it silently.
        metrics.Sessions.WithLabels("e1").Set(12);
        metrics.Audience.WithLabels("e1", "attendee").Set(10);
        metrics.Bitrate.WithLabels("e1", "Oslo", "HLS", "Chrome").Observe(250_000);
        metrics.RevCalls.Attempted(Vbrick.Exporter.Rev.RevEndpoint.RealtimeAttendees, Vbrick.Exporter.Rev.RevAttemptResult.Answered, 200, TimeSpan.FromSeconds(0.2));
        var scrape = new Scrape(await RegistryText.ScrapeAsync(registry));

        Assert.Equal(10, scrape.Value("vbrick_webcast_audience"));
        Assert.Empty(scrape.Series("vbrick_webcast_sessions"));
        Assert.DoesNotContain("_bucket{", scrape.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("# TYPE vbrick_webcast_attendee_bitrate_bytes_per_second histogram", scrape.Text, StringComparison.Ordinal);

        var served = metrics.Served.Select(c => c.Name).ToHashSet();
        Assert.DoesNotContain("vbrick_webcast_sessions", served);
        Assert.DoesNotContain(served, name => metrics.Histograms.Any(h => h.Name == name));
        Assert.All(metrics.Histograms, h => Assert.False(h.Served));
        Assert.Equal(metrics.All.Count - metrics.Histograms.Count - 1, served.Count);
    }

    [Fact]
    public async Task NothingExcluded_ServesEveryFamily()
    {
        var registry = Prometheus.Metrics.NewCustomRegistry();
        var metrics = new ExporterMetrics(registry, []);
        metrics.Bitrate.WithLabels("e1", "Oslo", "HLS", "Chrome").Observe(250_000);

        Assert.Equal(metrics.All.Count, metrics.Served.Count());
        Assert.Contains("vbrick_webcast_attendee_bitrate_bytes_per_second_bucket{", await RegistryText.ScrapeAsync(registry), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("vbrick_webcast_sesions", "Metrics:Exclude:0 ('vbrick_webcast_sesions') is neither a metric family")]
    [InlineData("vbrick_exporter_build_info", "Metrics:Exclude:0 names vbrick_exporter_build_info, which is always served")]
    public async Task CheckConfig_RejectsAnExclusionThatIsNotAFamily_OrBuildInfo(string entry, string expected)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = await ExporterCommands.CheckConfigAsync([ExporterCommands.CheckConfig, "--demo", $"--Metrics:Exclude:0={entry}"], output, error, "Production");

        Assert.Equal(2, code);
        Assert.Contains("Configuration error: " + expected, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckConfig_AcceptsHistogramsAndFamilyNames()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = await ExporterCommands.CheckConfigAsync(
            [ExporterCommands.CheckConfig, "--demo", "--Metrics:Exclude:0=histograms", "--Metrics:Exclude:1=vbrick_webcast_browser_attendees"], output, error, "Production");

        Assert.True(code == 0, error.ToString());
        Assert.Contains("Metrics:Exclude = histograms, vbrick_webcast_browser_attendees", output.ToString(), StringComparison.Ordinal);
    }
}
