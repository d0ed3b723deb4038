using Vbrick.Exporter.Tests.Support;

namespace Vbrick.Exporter.Tests.Host;

/// <summary>
/// Runs the exporter the way the Dockerfile does: no arguments, demo mode and the listen address
/// from environment variables, and the HEALTHCHECK command against it.
/// </summary>
[Trait(Tier.Name, Tier.Slow)]
public sealed class ContainerStyleTests
{
    [Fact]
    public async Task DemoByEnvironment_AndTheHealthcheckCommand_WorkAsInTheContainer()
    {
        var port = ExporterProcess.FreePort();
        await using var exporter = ExporterProcess.Start([], new Dictionary<string, string>
        {
            ["Demo__Enabled"] = "true",
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
        });

        var healthy = await Eventually.ValueAsync(() => HealthcheckAsync($"http://127.0.0.1:{port}/healthz"), code => code == 0, TimeSpan.FromSeconds(20), "a healthy exporter", TimeSpan.FromMilliseconds(200));

        // As the Dockerfile's HEALTHCHECK runs it: no url, the container's environment.
        await using (var followed = ExporterProcess.Start(["--healthcheck"], new Dictionary<string, string> { ["ASPNETCORE_URLS"] = $"http://+:{port}" }))
        {
            Assert.True(await followed.WaitForExitAsync(TimeSpan.FromSeconds(20)), "the healthcheck command hung");
            Assert.Equal(0, followed.ExitCode);
        }

        var unhealthy = await HealthcheckAsync($"http://127.0.0.1:{ExporterProcess.FreePort()}/healthz");
        exporter.Terminate();
        Assert.True(await exporter.WaitForExitAsync(TimeSpan.FromSeconds(15)));

        Assert.Equal(0, healthy);
        Assert.Equal(1, unhealthy);
        Assert.Equal(0, exporter.ExitCode);
        Assert.Contains("Polling started", exporter.Stdout, StringComparison.Ordinal);
    }

    private static async Task<int> HealthcheckAsync(string url)
    {
        await using var check = ExporterProcess.Start(["--healthcheck", url]);
        Assert.True(await check.WaitForExitAsync(TimeSpan.FromSeconds(20)), "the healthcheck command hung");
        return check.ExitCode;
    }
}
