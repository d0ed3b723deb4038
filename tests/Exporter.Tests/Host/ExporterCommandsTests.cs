using Microsoft.AspNetCore.Builder;
using System.Text.RegularExpressions;
using Vbrick.Exporter.Hosting;
using Vbrick.Exporter.Tests.Support;

namespace Vbrick.Exporter.Tests.Host;

/// <summary><c>--check-config</c>, <c>--help</c> and <c>--version</c>, in process (the same code the binary runs).</summary>
public sealed class ExporterCommandsTests
{
    private const string Hash = "$2b$10$abcdefghijklmnopqrstuuabcdefghijklmnopqrstuvwxyzABCDE";

    [Fact]
    public async Task CheckConfig_Valid_ExitsZero_AndPrintsEffectiveValuesWithEverySecretRedacted()
    {
        var (code, output, error) = await CheckAsync(
            "--Rev:Url=https://rev-user:UrlPassw0rd@rev.example.test/", "--Rev:ApiKey=ApiKeyValue123", "--Rev:Secret=SecretValue456",
            "--Events:Ids:0=7d1c0e1e-3f55-4a58-9c4b-1f0d9f0b2a11", "--Polling:Interval=00:00:45", $"--Web:BasicAuthUsers:prometheus={Hash}",
            "--Otlp:Endpoint=https://otel-user:OtelPassw0rd@otel.example.test:4318");

        Assert.Equal(0, code);
        Assert.Empty(error);
        Assert.Contains("Polling:Interval = 00:00:45", output, StringComparison.Ordinal);
        Assert.Contains("Rev:Url = https://rev.example.test", output, StringComparison.Ordinal);
        Assert.Contains("Web:BasicAuthUsers = (prometheus=<redacted>)", output, StringComparison.Ordinal);
        Assert.Contains("Rev:RateLimits:RealtimeAttendeesPerMinute = 2", output, StringComparison.Ordinal);
        foreach (var secret in new[] { "ApiKeyValue123", "SecretValue456", Hash, "UrlPassw0rd", "rev-user", "OtelPassw0rd", "otel-user" })
        {
            Assert.DoesNotContain(secret, output, StringComparison.Ordinal);
        }

        // Every key --help names is printed with its effective value.
        foreach (var key in OptionsCatalog.Keys())
        {
            Assert.Contains("  " + Regex.Replace(key.Name, ":<[a-z]+>$", string.Empty) + " = ", output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task CheckConfig_Invalid_ExitsTwo_OneLinePerProblem_NoSecretEchoed()
    {
        var (code, output, error) = await CheckAsync("--Rev:Url=ftp://rev.example.test", "--Rev:Secret=SecretValue456", "--Polling:Interval=2.00:00:00", "--Otlp:Endpoint=ftp://u:OtelPassw0rd@x");

        Assert.Equal(2, code);
        Assert.DoesNotContain("Configuration is valid", output, StringComparison.Ordinal);
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.All(lines, l => Assert.StartsWith("Configuration error: ", l, StringComparison.Ordinal));
        Assert.Equal(lines.Length, lines.Distinct(StringComparer.Ordinal).Count());
        Assert.Contains(lines, l => l.Contains("Rev:Url", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("Rev:ApiKey", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("Polling:Interval", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("Otlp:Endpoint", StringComparison.Ordinal));
        Assert.DoesNotContain("SecretValue456", error, StringComparison.Ordinal);
        Assert.DoesNotContain("OtelPassw0rd", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "--Rev:ApiKey=k", "--Rev:Secret=s" }, "Rev:Url is required")]
    [InlineData(new[] { "--Rev:Url=https://rev.example.test", "--Rev:Secret=s" }, "Rev:ApiKey is required")]
    [InlineData(new[] { "--Rev:Url=https://rev.example.test", "--Rev:ApiKey=k" }, "Rev:Secret or Rev:SecretFile is required")]
    [InlineData(new[] { "--Rev:Url=https://rev.example.test", "--Rev:ApiKey=k", "--Rev:SecretFile=/nonexistent/secret" }, "Rev:SecretFile does not exist")]
    [InlineData(new[] { "--Rev:Url=http://rev.example.test", "--Rev:ApiKey=k", "--Rev:Secret=s" }, "Rev:Url must use https")]
    [InlineData(new[] { "--Rev:Url=https://rev.example.test", "--Rev:ApiKey=k", "--Rev:Secret=s", "--Polling:Interval=00:00:00.5" }, "Polling:Interval must be between")]
    [InlineData(new[] { "--Rev:Url=https://rev.example.test", "--Rev:ApiKey=k", "--Rev:Secret=s", "--Events:Ids:0=not-a-guid" }, "Events:Ids:0 is not a webcast id")]
    [InlineData(new[] { "--Rev:Url=https://rev.example.test", "--Rev:ApiKey=k", "--Rev:Secret=s", "--Rev:RateLimits:RealtimeAttendeesPerMinute=0" }, "Rev:RateLimits:RealtimeAttendeesPerMinute must be between")]
    [InlineData(new[] { "--Rev:Url=https://rev.example.test", "--Rev:ApiKey=k", "--Rev:Secret=s", "--Rev:RequestTimeout=00:30:00" }, "Rev:RequestTimeout must be between")]
    [InlineData(new[] { "--Rev:Url=https://rev.example.test", "--Rev:ApiKey=k", "--Rev:Secret=s", "--Events:LabelValueCap=0" }, "Events:LabelValueCap must be between")]
    [InlineData(new[] { "--Rev:Url=not a url", "--Rev:ApiKey=k", "--Rev:Secret=s" }, "Rev:Url")]
    [InlineData(new[] { "--Rev:Url=https://rev.example.test", "--Rev:ApiKey=k", "--Rev:Secret=s", "--Polling:Interval=banana" }, "Polling:Interval")]
    public async Task BadConfiguration_OneClearLineNamingTheKey_ExitCode2(string[] arguments, string expected)
    {
        var (code, output, error) = await CheckAsync(arguments);

        Assert.Equal(2, code);
        var errorLine = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.Contains(expected, StringComparison.Ordinal));
        Assert.StartsWith("Configuration error: ", errorLine, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error + output, StringComparison.Ordinal);
    }

    [Fact]
    public void WebConfigFileThatCannotBeRead_IsAConfigurationErrorNamingTheKey()
    {
        var args = Vbrick.Exporter.Web.WebConfigHosting.TranslateArguments(["--web.config.file=/nonexistent/web-config.yml"]);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });

        var ex = Assert.ThrowsAny<Exception>(() => builder.AddExporter());

        var failure = Assert.Single(ConfigurationErrors.Of(ex)!);
        Assert.Equal("Web:ConfigFile (--web.config.file): the file cannot be read (DirectoryNotFoundException).", failure);
    }

    [Fact]
    public async Task CheckConfig_ValueOfTheWrongType_ExitsTwo_NamingTheKey()
    {
        var (code, _, error) = await CheckAsync("--Rev:Url=https://rev.example.test", "--Rev:ApiKey=k", "--Rev:Secret=s", "--Polling:Interval=banana");

        Assert.Equal(2, code);
        Assert.Contains("Configuration error: ", error, StringComparison.Ordinal);
        Assert.Contains("Polling:Interval", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_ListsEveryOptionsKey_WithItsDefaultAndDescription_AndEachIsInTheReadme()
    {
        using var output = new StringWriter();
        await ExporterCommands.WriteHelpAsync(output);
        var help = output.ToString();
        var documented = RepositoryFiles.Read(DocumentationFiles.ConfigurationFile);

        var keys = OptionsCatalog.Keys();
        Assert.True(keys.Count > 40, $"{keys.Count} keys");
        foreach (var key in keys)
        {
            Assert.Contains("  " + key.Name, help, StringComparison.Ordinal);
            Assert.Contains("`" + Regex.Replace(key.Name, ":<[a-z]+>$", string.Empty), documented, StringComparison.Ordinal);
        }

        Assert.Contains("Rev:ScrollLifetime [00:01:00]", help, StringComparison.Ordinal);
        Assert.Contains("How long Rev keeps an idle scroll id.", help, StringComparison.Ordinal);
        Assert.Contains("--check-config", help, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Version_NamesTheVersionCommitAndRuntime()
    {
        using var output = new StringWriter();
        await ExporterCommands.WriteVersionAsync(output);

        Assert.Equal($"vbrick-exporter {BuildVersion.Version} (commit {BuildVersion.Revision}, {BuildVersion.Runtime})", output.ToString().Trim());
    }

    [Theory]
    [InlineData(new[] { "--help" }, ExporterCommands.Help)]
    [InlineData(new[] { "-h" }, ExporterCommands.Help)]
    [InlineData(new[] { "--demo", "--version" }, ExporterCommands.Version)]
    [InlineData(new[] { "--check-config", "--Rev:Url=https://x" }, ExporterCommands.CheckConfig)]
    [InlineData(new[] { "--demo" }, null)]
    public void Requested_FindsTheCommand(string[] args, string? command) => Assert.Equal(command, ExporterCommands.Requested(args));

    [Fact]
    public async Task CheckConfig_Demo_IsValid_WithoutStartingTheSimulator()
    {
        var (code, output, error) = await CheckAsync("--demo");

        Assert.Equal(0, code);
        Assert.Empty(error);
        Assert.Contains("Events:Discover = true", output, StringComparison.Ordinal);
        Assert.Contains("Demo:Enabled = true", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckConfig_UnknownKeys_AreErrors_WithTheNearestKey_AndNothingBelowTheUnknownPart()
    {
        var (code, output, error) = await CheckAsync(
            "--demo", "--Events:Discovr=true", "--polling:intervall=00:00:10", "--Web:BasicAuthUser:alice=x",
            "--Otlp:Zzz=1", "--Rev:Resilience:Retry:MaxRetryAttempts=2", "--Events:Ids:0=7d1c0e1e-3f55-4a58-9c4b-1f0d9f0b2a11", "--Logging:Anything=1");

        Assert.Equal(2, code);
        Assert.DoesNotContain("Configuration is valid", output, StringComparison.Ordinal);
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(
        [
            "Configuration error: Events:Discovr is not a setting of this exporter (ignored); did you mean Events:Discover?",
            "Configuration error: Polling:intervall is not a setting of this exporter (ignored); did you mean Polling:Interval?",
            "Configuration error: Web:BasicAuthUser is not a setting of this exporter (ignored); did you mean Web:BasicAuthUsers?",
            "Configuration error: Otlp:Zzz is not a setting of this exporter (ignored).",
        ], lines);
        Assert.DoesNotContain("alice", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("notaurl", "'notaurl' is not an address")]
    [InlineData("ftp://+:9874", "has scheme 'ftp'")]
    [InlineData("http://+:99999", "has a port that is not a number")]
    [InlineData("http://+:port", "has a port that is not a number")]
    [InlineData("http://+:9874/metrics", "has a path")]
    [InlineData("http://user:Passw0rd@+:9874", "'http://<redacted>@+:9874' carries user info")]
    [InlineData("http://127.0.0.1:9874;bad", "'bad' is not an address")]
    public async Task CheckConfig_BadListenAddress_IsOneLineNamingUrls(string urls, string expected)
    {
        var (code, _, error) = await CheckAsync("--demo", "--urls", urls);

        Assert.Equal(2, code);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.StartsWith("Configuration error: urls (--urls): ", line, StringComparison.Ordinal);
        Assert.Contains(expected, line, StringComparison.Ordinal);
        Assert.DoesNotContain("Passw0rd", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://+:9874")]
    [InlineData("http://127.0.0.1:0;https://[::1]:9443")]
    [InlineData("http://localhost:9874/")]
    [InlineData("http://*:80")]
    [InlineData("http://unix:/run/vbrick-exporter.sock")]
    public void ListenAddresses_Kestrel_Accepts_AreAccepted(string urls) => Assert.Empty(ListenAddresses.Problems(urls));

    [Theory]
    [InlineData("Discovr", "Discover", 1)]
    [InlineData("Intreval", "Interval", 1)]
    [InlineData("ids", "IDS", 0)]
    [InlineData("Url", "Ids", 3)]
    public void Distance_CountsOneEditPerTypo(string a, string b, int expected) =>
        Assert.Equal(expected, UnknownSettings.Distance(a.ToUpperInvariant(), b.ToUpperInvariant()));

    private static async Task<(int Code, string Output, string Error)> CheckAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await ExporterCommands.CheckConfigAsync([ExporterCommands.CheckConfig, .. args], output, error, environment: "Production");
        return (code, output.ToString(), error.ToString());
    }
}
