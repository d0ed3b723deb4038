using Vbrick.Exporter.Hosting;

namespace Vbrick.Exporter.Tests.Host;

public sealed class HealthCheckCommandTests
{
    [Theory]
    [InlineData("http://+:9874", "http://127.0.0.1:9874/healthz")]
    [InlineData("https://*:9443;http://+:9874", "https://127.0.0.1:9443/healthz")]
    [InlineData("http://0.0.0.0:8080", "http://127.0.0.1:8080/healthz")]
    [InlineData("http://[::]:9100", "http://[::1]:9100/healthz")]
    [InlineData("https://exporter.example.test", "https://127.0.0.1:443/healthz")]
    [InlineData("http://localhost:5000/", "http://127.0.0.1:5000/healthz")]
    public void ProbeUrl_FollowsTheFirstListenAddressOnLoopback(string listen, string expected) =>
        Assert.Equal(new Uri(expected), HealthCheckCommand.ProbeUrlFor(listen));

    [Fact]
    public void WebConfigFileWithTls_MakesTheProbeHttps()
    {
        var file = Path.GetTempFileName();
        File.WriteAllText(file, "tls_server_config:\n  cert_file: a.crt\n  key_file: a.key\n");
        try
        {
            Assert.True(HealthCheckCommand.ServesTls(file));
            Assert.Equal(new Uri("https://127.0.0.1:9874/healthz"), HealthCheckCommand.ProbeUrlFor("http://+:9874", HealthCheckCommand.ServesTls(file)));
            Assert.False(HealthCheckCommand.ServesTls(null));
            Assert.False(HealthCheckCommand.ServesTls("/nonexistent.yml"));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void ListenUrls_CommandLineWins_ThenTheEnvironment_ThenTheDefault()
    {
        var environment = new Dictionary<string, string?> { ["ASPNETCORE_URLS"] = "https://+:9443" };

        Assert.Equal("http://+:1234", HealthCheckCommand.ListenUrls(["--healthcheck", "--urls", "http://+:1234"], environment.GetValueOrDefault));
        Assert.Equal("https://+:9443", HealthCheckCommand.ListenUrls(["--healthcheck"], environment.GetValueOrDefault));
        Assert.Equal("http://+:9874", HealthCheckCommand.ListenUrls(["--healthcheck"], _ => null));
    }
}
