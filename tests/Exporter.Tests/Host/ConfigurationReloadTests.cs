using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Vbrick.Exporter.Tests.Support;
using Vbrick.Rev.Simulator;

namespace Vbrick.Exporter.Tests.Host;

/// <summary>
/// <c>POST /-/reload</c> on the real host: the watched events follow <c>Events:Ids</c> without a
/// restart, the other events keep their series and running totals, an invalid file is refused whole.
/// </summary>
public sealed class ConfigurationReloadTests
{
    private const string A = SimulatorScenarios.SmallEventId;
    private const string B = SimulatorScenarios.LargeEventId;

    [Fact]
    public async Task Reload_WatchesANewEvent_KeepsTheOthersTotals_DropsARemovedOne_AndRefusesAnInvalidFile()
    {
        var token = TestContext.Current.CancellationToken;
        var options = new RevSimulatorOptions { RealtimeRequestsPerMinute = null, Events = [SimulatorScenarios.LiveEvent(A, 300, seed: 51), SimulatorScenarios.LiveEvent(B, 200, seed: 52)] };
        foreach (var simulated in options.Events)
        {
            // Live now, in real time: the host runs on the system clock.
            simulated.StartsAt = DateTimeOffset.UtcNow - TimeSpan.FromMinutes(30);
        }

        await using var simulator = new RevSimulator(options);
        await simulator.StartAsync(cancellationToken: token);
        var directory = Directory.CreateTempSubdirectory("vbrick-reload-");
        var file = Path.Combine(directory.FullName, "events.json");
        await WriteAsync(file, [A]);
        var settings = new Dictionary<string, string?> { ["Rev:RateLimits:RealtimeAttendeesPerMinute"] = "600", ["Polling:Interval"] = "00:00:01" };
        await using var factory = TestHost.For(simulator, settings, web => web.ConfigureAppConfiguration(c => c.AddJsonFile(file, optional: false, reloadOnChange: false)));
        using var client = factory.CreateClient();

        var first = await ScrapeUntilAsync(client, s => s.Value("vbrick_webcast_sweeps_total", ("event_id", A), ("outcome", "completed")) >= 2, "two sweeps of the first event");
        Assert.DoesNotContain(first.Series("vbrick_webcast_event_info"), s => s.Labels["event_id"] == B);
        var sweepsBefore = first.Value("vbrick_webcast_sweeps_total", ("event_id", A), ("outcome", "completed"))!.Value;
        var requestsBefore = first.Series("vbrick_exporter_rev_requests_total").Sum(s => s.Value);

        // Added: watched at once, the first event's totals untouched.
        await WriteAsync(file, [A, B]);
        var added = await ReloadAsync(client);
        Assert.Equal(System.Net.HttpStatusCode.OK, added.Status);
        Assert.StartsWith("reloaded\n", added.Body, StringComparison.Ordinal);
        var both = await ScrapeUntilAsync(client, s => s.Value("vbrick_webcast_sweeps_total", ("event_id", B), ("outcome", "completed")) >= 1, "a sweep of the added event");
        Assert.True(both.Value("vbrick_webcast_sweeps_total", ("event_id", A), ("outcome", "completed")) >= sweepsBefore);
        Assert.True(both.Series("vbrick_exporter_rev_requests_total").Sum(s => s.Value) >= requestsBefore);
        Assert.Equal(1, both.Value("vbrick_exporter_config_reloads_total", ("outcome", "success")));

        // Removed: every series of it leaves /metrics; the other stays.
        await WriteAsync(file, [B]);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await ReloadAsync(client)).Status);
        var removed = await ScrapeUntilAsync(client, s => !s.Samples.Any(x => x.Labels.GetValueOrDefault("event_id") == A), "no series of the removed event");
        Assert.Contains(removed.Series("vbrick_webcast_event_info"), s => s.Labels["event_id"] == B);

        // Invalid: refused whole, said, counted; nothing changes.
        await File.WriteAllTextAsync(file, """{ "Events": { "Ids": [ "not-a-webcast" ] } }""", token);
        var refused = await ReloadAsync(client);
        Assert.True(refused.Status == System.Net.HttpStatusCode.BadRequest, refused.Body);
        Assert.Contains("Events:Ids:0 is not a webcast id", refused.Body, StringComparison.Ordinal);
        var kept = new Scrape(await client.GetStringAsync(new Uri("/metrics", UriKind.Relative), token));
        Assert.Equal(1, kept.Value("vbrick_exporter_config_reloads_total", ("outcome", "failure")));
        Assert.Equal(0, kept.Value("vbrick_exporter_config_last_reload_successful"));
        Assert.Contains(kept.Series("vbrick_webcast_event_info"), s => s.Labels["event_id"] == B);

        // A key that cannot change live is named, its value never.
        await File.WriteAllTextAsync(file, $$"""{ "Events": { "Ids": [ "{{B}}" ] }, "Polling": { "StatusInterval": "00:02:00" } }""", token);
        var restart = await ReloadAsync(client);
        Assert.Equal(System.Net.HttpStatusCode.OK, restart.Status);
        Assert.Contains("Polling:StatusInterval changed; it takes effect at the next restart", restart.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("00:02:00", restart.Body, StringComparison.Ordinal);
        directory.Delete(recursive: true);
    }

    private static Task WriteAsync(string file, string[] ids) =>
        File.WriteAllTextAsync(file, System.Text.Json.JsonSerializer.Serialize(new { Events = new { Ids = ids } }), TestContext.Current.CancellationToken);

    private static async Task<(System.Net.HttpStatusCode Status, string Body)> ReloadAsync(HttpClient client)
    {
        using var response = await client.PostAsync(new Uri("/-/reload", UriKind.Relative), null, TestContext.Current.CancellationToken);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    private static Task<Scrape> ScrapeUntilAsync(HttpClient client, Func<Scrape, bool> condition, string what) =>
        Eventually.ValueAsync(
            async () => new Scrape(await client.GetStringAsync(new Uri("/metrics", UriKind.Relative), TestContext.Current.CancellationToken)),
            condition,
            TimeSpan.FromSeconds(30),
            what);
}
