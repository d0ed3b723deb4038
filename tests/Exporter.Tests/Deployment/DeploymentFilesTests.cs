using System.Text.RegularExpressions;
using Vbrick.Exporter.Tests.Support;

namespace Vbrick.Exporter.Tests.Deployment;

/// <summary>The Kubernetes manifests, the systemd unit and the Dockerfile use settings the configuration reference documents.</summary>
public sealed partial class DeploymentFilesTests
{
    public static TheoryData<string> Files() =>
    [
        "deploy/kubernetes/statefulset.yaml",
        "deploy/systemd/vbrick-exporter.service",
        "deploy/systemd/env.example",
        "Dockerfile",
    ];

    [Theory]
    [MemberData(nameof(Files))]
    public void EverySettingUsed_IsDocumentedInTheConfigurationReference(string file)
    {
        var readme = RepositoryFiles.Read(DocumentationFiles.ConfigurationFile);
        var settings = EnvironmentSetting().Matches(RepositoryFiles.Read(file)).Select(m => m.Value.Replace("__", ":", StringComparison.Ordinal)).Distinct().ToList();

        Assert.NotEmpty(settings);
        Assert.All(settings, key => Assert.Contains("`" + key + "`", readme, StringComparison.Ordinal));
    }

    [Fact]
    public void Dockerfile_RunsAsNonRoot_ExposesTheDefaultPort_AndChecksHealth()
    {
        var dockerfile = RepositoryFiles.Read("Dockerfile");

        // runAsNonRoot can only be verified for a numeric user: a name makes the kubelet refuse the pod.
        var user = Assert.Single(Regex.Matches(dockerfile, @"^USER (?<user>\S+)$", RegexOptions.Multiline)).Groups["user"].Value;
        Assert.Matches(@"^(\$APP_UID|[1-9][0-9]*)$", user);
        Assert.Contains("EXPOSE 9874", dockerfile, StringComparison.Ordinal);
        Assert.Contains("org.opencontainers.image.licenses=\"Apache-2.0\"", dockerfile, StringComparison.Ordinal);

        // The context must never carry build output or the repository's history into the image build.
        var ignored = RepositoryFiles.Read(".dockerignore").Split('\n').Select(l => l.Trim()).ToList();
        Assert.Contains(".git", ignored);
        Assert.Contains("**/bin", ignored);
        Assert.Contains("**/obj", ignored);
        Assert.Matches(@"HEALTHCHECK .*\n.*--healthcheck", dockerfile);
        Assert.Equal(2, Regex.Count(dockerfile, "^FROM ", RegexOptions.Multiline));

        // Without .git in the context the version and commit arrive as build arguments, reach the
        // build (so build_info carries them) and the image's labels.
        Assert.Contains("-p:MinVerVersionOverride=\"$version\"", dockerfile, StringComparison.Ordinal);
        Assert.Contains("-p:SourceRevisionId=\"${REVISION:-unknown}\"", dockerfile, StringComparison.Ordinal);
        Assert.Contains("org.opencontainers.image.version=\"$VERSION\"", dockerfile, StringComparison.Ordinal);
        Assert.Contains("org.opencontainers.image.revision=\"$REVISION\"", dockerfile, StringComparison.Ordinal);
    }

    [Fact]
    public void ServiceMonitor_SetsTheJobLabelTheAlertsSelect()
    {
        var rules = RepositoryFiles.Read("alerts/vbrick-webcast.rules.yml");
        var monitor = RepositoryFiles.Read("deploy/kubernetes/servicemonitor.yaml");

        var jobs = Regex.Matches(rules, "job=\"(?<job>[^\"]+)\"").Select(m => m.Groups["job"].Value).Distinct().ToList();
        var job = Assert.Single(jobs);
        Assert.Matches($@"targetLabel: job, replacement: {Regex.Escape(job)}\b", monitor);
    }

    [Fact]
    public void Systemd_DoesNotRestartOnAConfigurationError()
    {
        var unit = RepositoryFiles.Read("deploy/systemd/vbrick-exporter.service");

        Assert.Contains("RestartPreventExitStatus=2", unit, StringComparison.Ordinal);
        Assert.Contains("WorkingDirectory=/opt/vbrick-exporter", unit, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ContainerBuildWithoutGit_IsVersionedFromTheLatestRelease_AndComposePassesGitsVersion()
    {
        var changelog = RepositoryFiles.Read("CHANGELOG.md");
        var release = Regex.Match(changelog, @"^## \[(?<version>\d+\.\d+\.\d+)\] - \d{4}-\d{2}-\d{2}$", RegexOptions.Multiline);
        Assert.True(release.Success, "CHANGELOG.md has no release heading");

        var start = new System.Diagnostics.ProcessStartInfo("sh", ["deploy/release-version.sh", "CHANGELOG.md"])
        {
            WorkingDirectory = RepositoryFiles.Root,
            RedirectStandardOutput = true,
        };
        using var script = System.Diagnostics.Process.Start(start)!;
        var version = (await script.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken)).Trim();
        await script.WaitForExitAsync(TestContext.Current.CancellationToken);

        Assert.Equal(0, script.ExitCode);
        Assert.Equal(release.Groups["version"].Value + "-source", version);
        var dockerfile = RepositoryFiles.Read("Dockerfile");
        Assert.Contains("COPY deploy/release-version.sh", dockerfile, StringComparison.Ordinal);
        Assert.Contains("${VERSION:-$(sh deploy/release-version.sh CHANGELOG.md)}", dockerfile, StringComparison.Ordinal);
        var compose = RepositoryFiles.Read("docker-compose.yml");
        Assert.Contains("VERSION: ${VERSION:-}", compose, StringComparison.Ordinal);
        Assert.Contains("REVISION: ${REVISION:-}", compose, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Systemd_UnitIsHardenedToAnExposureOf2OrLess()
    {
        var analyze = RequiredTool.Find("systemd-analyze", "Debian's systemd package has it");
        var unit = Path.Combine(Path.GetTempPath(), $"vbrick-exporter-{Guid.NewGuid():N}.service");
        await File.WriteAllTextAsync(unit, RepositoryFiles.Read("deploy/systemd/vbrick-exporter.service"), TestContext.Current.CancellationToken);
        try
        {
            var start = new System.Diagnostics.ProcessStartInfo(analyze, ["security", "--offline=true", "--no-pager", unit])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var process = System.Diagnostics.Process.Start(start)!;
            var output = await process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken)
                + await process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
            await process.WaitForExitAsync(TestContext.Current.CancellationToken);

            var score = Regex.Match(output, @"Overall exposure level for \S+: (?<score>\d+\.\d)");
            Assert.True(score.Success, output);
            var exposure = double.Parse(score.Groups["score"].Value, System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(exposure <= 2.0, $"exposure {exposure}:\n{output}");
        }
        finally
        {
            File.Delete(unit);
        }
    }

    // Configuration keys written as environment variables: Section__Key.
    [GeneratedRegex(@"\b(Rev|Events|Polling|PostEvent|Web|Otlp|Sharding|Demo)__[A-Za-z]+")]
    private static partial Regex EnvironmentSetting();
}
