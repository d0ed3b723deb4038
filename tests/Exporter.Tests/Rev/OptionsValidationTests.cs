using Vbrick.Exporter.Tests.Support;
using Vbrick.Exporter.Polling;
using Vbrick.Exporter.Rev;

namespace Vbrick.Exporter.Tests.Rev;

public sealed class OptionsValidationTests
{
    public static TheoryData<Action<RevOptions>, string> BadRevOptions => new()
    {
        { o => o.Url = new Uri("http://rev.example.test"), "Rev:Url must use https" },
        { o => o.Url = new Uri("ftp://rev.example.test"), "Rev:Url must be an absolute http(s) address" },
        { o => o.Secret = " ", "Rev:Secret or Rev:SecretFile is required" },
        { o => (o.Secret, o.SecretFile) = (null, "/missing"), "Rev:SecretFile does not exist" },
        { o => o.RequestTimeout = TimeSpan.Zero, "Rev:RequestTimeout must be between" },
        { o => o.RateLimits.RealtimeAttendeesPerMinute = double.NaN, "Rev:RateLimits:RealtimeAttendeesPerMinute must be between" },
        { o => o.RateLimits.GetPerMinute = -1, "Rev:RateLimits:GetPerMinute must be between" },
        { o => o.RateLimits.PostPerMinute = 0, "Rev:RateLimits:PostPerMinute must be between" },
        { o => o.RateLimits.ReportsPerMinute = 0, "Rev:RateLimits:ReportsPerMinute must be between" },
    };

    [Theory]
    [MemberData(nameof(BadRevOptions))]
    public void RevOptions_BadValue_FailsNamingTheKey(Action<RevOptions> spoil, string expected)
    {
        var options = ValidRev();
        spoil(options);

        // Both validators, as start-up runs them: the annotations' and the rules across fields.
        var failures = new RevOptionsValidator().Validate(null, options).Failures ?? [];
        failures = failures.Concat(new RevOptionsCustomValidator().Validate(null, options).Failures ?? []);

        Assert.Contains(failures, f => f.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void RevOptions_Valid_Succeeds() => Assert.True(new RevOptionsCustomValidator().Validate(null, ValidRev()).Succeeded);

    [Fact]
    public void RevOptions_HttpWithAllowInsecure_Succeeds()
    {
        var options = ValidRev();
        options.Url = new Uri("http://127.0.0.1:5000");
        options.AllowInsecureHttp = true;

        Assert.True(new RevOptionsCustomValidator().Validate(null, options).Succeeded);
    }

    [Fact]
    public void RevOptions_MissingUrlAndKey_AnnotationsNameTheKeys()
    {
        var result = new RevOptionsValidator().Validate(null, new RevOptions { Secret = "s" });

        Assert.Contains(result.Failures!, f => f.Contains("Rev:Url is required", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.Contains("Rev:ApiKey is required", StringComparison.Ordinal));
    }

    [Fact]
    public void SecretFile_ContentWithTrailingNewline_BecomesTheSecret()
    {
        var path = Path.GetTempFileName();
        File.WriteAllText(path, "from-file\n");
        var options = new RevOptions { Secret = "from-config", SecretFile = path };

        Loader(out _).PostConfigure(null, options);
        File.Delete(path);

        Assert.Equal("from-file", options.Secret);
    }

    [Fact]
    public void SecretFile_WithoutEnd_LikeDevZero_IsReadOnlyUpToItsBound_AndRefusedInOneLine()
    {
        var options = new RevOptions { Url = new Uri("https://rev.example.test"), ApiKey = "k", SecretFile = "/dev/zero" };

        Loader(out _).PostConfigure(null, options);
        var result = new RevOptionsCustomValidator().Validate(null, options);

        Assert.Null(options.Secret);
        Assert.True(result.Failed);
        Assert.Contains("Rev:SecretFile holds more than 64 KiB", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    [InlineData(UnixFileMode.UserRead | UnixFileMode.UserWrite, false)]
    [InlineData(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead, true)]
    public void SecretFile_ReadableByEveryUser_IsWarnedAbout_NeverWithTheSecret(UnixFileMode mode, bool warned)
    {
        var path = Path.GetTempFileName();
        File.WriteAllText(path, "s3cr3t-value\n");
        File.SetUnixFileMode(path, mode);
        var options = new RevOptions { SecretFile = path };

        Loader(out var logs).PostConfigure(null, options);
        File.Delete(path);

        Assert.Equal("s3cr3t-value", options.Secret);
        Assert.Equal(warned, logs.AllText(LogLevel.Warning).Contains("readable by every user", StringComparison.Ordinal));
        Assert.DoesNotContain("s3cr3t", logs.AllText(LogLevel.Trace), StringComparison.Ordinal);
    }

    private static RevSecretFileLoader Loader(out CapturingLoggerProvider logs)
    {
        logs = new CapturingLoggerProvider();
        var provider = logs;
        return new RevSecretFileLoader(LoggerFactory.Create(b => b.AddProvider(provider).SetMinimumLevel(LogLevel.Trace)).CreateLogger<RevSecretFileLoader>());
    }

    [Theory]
    [InlineData("00:00:00.999", "Polling:Interval")]
    [InlineData("2.00:00:00", "Polling:Interval")]
    public void PollingOptions_IntervalOutOfRange_FailsNamingTheKey(string interval, string key)
    {
        var result = new PollingOptionsValidator().Validate(null, new PollingOptions { Interval = TimeSpan.Parse(interval, System.Globalization.CultureInfo.InvariantCulture) });

        Assert.Contains(result.Failures!, f => f.Contains(key + " must be between", StringComparison.Ordinal));
    }

    [Fact]
    public void EventsOptions_EveryMalformedIdIsNamedByIndex()
    {
        var options = new EventsOptions { Ids = [Guid.NewGuid().ToString(), "nope", "also-nope"] };

        var result = new EventsOptionsCustomValidator().Validate(null, options);

        Assert.Equal(2, result.Failures!.Count());
        Assert.Contains(result.Failures!, f => f.StartsWith("Events:Ids:1 ", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.StartsWith("Events:Ids:2 ", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("ftp://collector-user:S3cretPass@otel.example.test:4317/v1?token=S3cretToken")]
    [InlineData("collector-user:S3cretPass@otel.example.test")]
    public void OtlpEndpointRejected_TheMessageNeverEchoesItsCredentials(string endpoint)
    {
        var result = new Vbrick.Exporter.Telemetry.OtlpOptionsCustomValidator().Validate(null, new Vbrick.Exporter.Telemetry.OtlpOptions { Endpoint = endpoint });

        var failure = Assert.Single(result.Failures!);
        Assert.StartsWith("Otlp:Endpoint must be", failure, StringComparison.Ordinal);
        Assert.DoesNotContain("S3cret", failure, StringComparison.Ordinal);
        Assert.DoesNotContain("collector-user", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void SafeAddress_KeepsSchemeHostAndPortOnly()
    {
        Assert.Equal("https://otel.example.test:4318", Vbrick.Exporter.Configuration.SafeAddress.Describe("https://u:p@otel.example.test:4318/v1/metrics?k=v"));
        Assert.Equal("https://otel.example.test", Vbrick.Exporter.Configuration.SafeAddress.Describe(new Uri("https://u:p@otel.example.test/")));
    }

    private static RevOptions ValidRev() => new() { Url = new Uri("https://rev.example.test"), ApiKey = "k", Secret = "s" };
}
