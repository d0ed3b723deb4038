using System.Diagnostics;
using Vbrick.Exporter.Tests.Support;

namespace Vbrick.Exporter.Tests.Host;

public sealed class BuildVersionTests(ExporterHostFixture host) : IClassFixture<ExporterHostFixture>
{
    [Theory]
    [InlineData("1.4.0+0123abcd", "1.4.0", "0123abcd")]
    [InlineData("1.4.1-alpha.0.3+0123abcd", "1.4.1-alpha.0.3", "0123abcd")]
    [InlineData("1.4.0", "1.4.0", "unknown")]
    [InlineData("1.4.0+", "1.4.0", "unknown")]
    [InlineData(null, "unknown", "unknown")]
    public void InformationalVersion_SplitsIntoVersionAndCommit(string? informational, string version, string revision) =>
        Assert.Equal((version, revision), BuildVersion.Parse(informational));

    [Fact]
    public async Task BuildInfo_CarriesTheTagVersionTheCommitAndTheRuntime_AndRevSeesTheVersion()
    {
        var scrape = new Scrape(await host.ScrapeAfterSweepsAsync());

        var info = Assert.Single(scrape.Series("vbrick_exporter_build_info"));
        Assert.Equal(BuildVersion.Version, info.Labels["version"]);
        Assert.Matches(@"^\d+\.\d+\.\d+(-[0-9A-Za-z.]+)?$", info.Labels["version"]);
        Assert.Equal("dotnet" + Environment.Version.ToString(3), info.Labels["runtime"]);
        Assert.Equal("vbrick-rev-exporter/" + info.Labels["version"], host.Simulator.Stats.LastUserAgent);

        // Built from this checkout: the commit is HEAD, and the version is the tag's (v1.2.3 ->
        // 1.2.3) or, between tags, MinVer's pre-release of the next patch.
        if (Git("rev-parse HEAD") is { } head)
        {
            Assert.Equal(head, info.Labels["revision"]);
            var exactTag = Git("describe --tags --exact-match --match v*");
            if (exactTag is not null)
            {
                Assert.Equal(exactTag.TrimStart('v'), info.Labels["version"]);
            }
            else
            {
                Assert.Contains("-alpha.0.", info.Labels["version"], StringComparison.Ordinal);
            }
        }
    }

    private static string? Git(string arguments)
    {
        var start = new ProcessStartInfo("git", arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        try
        {
            using var git = Process.Start(start)!;
            var output = git.StandardOutput.ReadToEnd().Trim();
            git.WaitForExit();
            return git.ExitCode == 0 && output.Length > 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
