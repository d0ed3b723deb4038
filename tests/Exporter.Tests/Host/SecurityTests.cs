using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Vbrick.Exporter.Tests.Support;
using Vbrick.Exporter.Web;
using Vbrick.Rev.Simulator;
using static Vbrick.Exporter.Tests.Support.SimulatorScenarios;

namespace Vbrick.Exporter.Tests.Host;

public sealed class SecurityTests
{
    [Fact]
    public async Task BasicAuth_Configured_AdmitsOnlyTheRightPasswordAndCountsRefusals()
    {
        await using var simulator = new RevSimulator(OneEvent(100, limitPerMinute: null));
        await simulator.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        var hash = BCrypt.Net.BCrypt.HashPassword("correct horse", workFactor: 4);
        await using var factory = TestHost.For(simulator, new Dictionary<string, string?> { ["Web:BasicAuthUsers:prometheus"] = hash });
        using var client = factory.CreateClient();

        var anonymous = await client.GetAsync(new Uri("/metrics", UriKind.Relative), TestContext.Current.CancellationToken);
        var wrongPassword = await Get(client, "/metrics", "prometheus", "wrong");
        var wrongUser = await Get(client, "/metrics", "admin", "correct horse");
        var ready = await Get(client, "/readyz", "admin", "nope");
        var health = await client.GetAsync(new Uri("/healthz", UriKind.Relative), TestContext.Current.CancellationToken);
        var right = await Get(client, "/metrics", "prometheus", "correct horse");
        var again = await Get(client, "/metrics", "prometheus", "correct horse");

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("Basic", anonymous.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongPassword.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongUser.StatusCode);
        Assert.NotEqual(HttpStatusCode.Unauthorized, ready.StatusCode);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var scrape = new Scrape(await again.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(3, scrape.Value("vbrick_exporter_http_auth_failures_total"));
        Assert.DoesNotContain(hash, scrape.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("plain-password")]
    [InlineData("$2b$04$tooShort")]
    public void BasicAuth_PlainPasswordInsteadOfAHash_IsRefusedAtStartUp(string hash)
    {
        var options = new WebOptions { BasicAuthUsers = { ["prometheus"] = hash } };

        var result = new WebOptionsCustomValidator().Validate(null, options);

        var failure = Assert.Single(result.Failures!);
        Assert.StartsWith("Web:BasicAuthUsers:prometheus must be a bcrypt hash", failure, StringComparison.Ordinal);
        Assert.DoesNotContain(hash, failure, StringComparison.Ordinal);
    }

    // Starts the built exporter: a process, so the slow tier (the fast tier starts none).
    [Fact]
    [Trait(Tier.Name, Tier.Slow)]
    public async Task Tls_ConfiguredCertificate_ServesMetricsOverHttpsOnly()
    {
        using var certificate = TestCertificates.CreateLoopback();
        var directory = Directory.CreateTempSubdirectory("exporter-tls-");
        var (certificatePath, keyPath) = TestCertificates.WritePem(certificate, directory.FullName);
        var port = ExporterProcess.FreePort();
        await using var process = ExporterProcess.Start(
        [
            "--demo", "--urls", $"https://127.0.0.1:{port}",
            "--Kestrel:Certificates:Default:Path", certificatePath,
            "--Kestrel:Certificates:Default:KeyPath", keyPath,
        ]);
        using var handler = new HttpClientHandler
        {
            // Trust exactly this certificate and nothing else.
            ServerCertificateCustomValidationCallback = (_, presented, _, _) => presented?.Thumbprint == certificate.Thumbprint,
        };
        using var client = new HttpClient(handler) { BaseAddress = new Uri($"https://127.0.0.1:{port}/") };
        using var plain = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };

        var body = await Eventually.ValueAsync(
            () => client.GetStringAsync(new Uri("metrics", UriKind.Relative), TestContext.Current.CancellationToken),
            _ => true,
            TimeSpan.FromSeconds(30),
            "the exporter to answer over TLS");

        Assert.Contains("vbrick_exporter_build_info", body, StringComparison.Ordinal);
        Assert.Contains("basic authentication off, TLS on;", process.Stdout, StringComparison.Ordinal);
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => plain.GetStringAsync(new Uri("metrics", UriKind.Relative), TestContext.Current.CancellationToken));
        directory.Delete(recursive: true);
    }

    [Fact]
    public async Task RevWithAnUntrustedCertificate_FailsCleanlyAsATlsErrorAndNeverCrashes()
    {
        using var certificate = TestCertificates.CreateLoopback();
        var options = OneEvent(100);
        await using var simulator = new RevSimulator(options);
        await simulator.StartAsync(certificate: certificate, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal("https", simulator.BaseAddress.Scheme);
        var logs = new CapturingLoggerProvider();
        await using var factory = TestHost.For(
            simulator,
            new Dictionary<string, string?> { ["Events:Ids:0"] = SmallEventId },
            web => web.ConfigureServices(services => services.AddLogging(b => b.AddProvider(logs))));
        using var client = factory.CreateClient();

        var scrape = await Eventually.ValueAsync(
            async () => new Scrape(await client.GetStringAsync(new Uri("/metrics", UriKind.Relative), TestContext.Current.CancellationToken)),
            s => s.Value("vbrick_exporter_auth_failures_total", ("kind", "tls")) >= 1,
            TimeSpan.FromSeconds(30),
            "a failed sign-in against Rev's untrusted certificate");

        Assert.True(scrape.Value("vbrick_exporter_auth_failures_total", ("kind", "tls")) >= 1);
        Assert.Equal(0, scrape.Value("vbrick_exporter_auth_failures_total", ("kind", "login")));
        Assert.Equal(0, simulator.Stats.Requests(Vbrick.Rev.Simulator.Faults.FaultTarget.Authenticate));
        Assert.Contains("SecureConnectionError", logs.AllText(LogLevel.Warning), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync(new Uri("/readyz", UriKind.Relative), TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(0, scrape.Value("vbrick_exporter_loop_failures_total"));
    }

    [Fact]
    public async Task Password_LongerThan72Bytes_IsRefused_EvenWhenItsFirst72BytesAreRight()
    {
        var password = new string('p', 72);
        await using var host = await AuthHostAsync(password);
        using var client = host.Factory.CreateClient();

        var exact = await Get(client, "/metrics", "prometheus", password);
        var longer = await Get(client, "/metrics", "prometheus", password + "anything");

        Assert.Equal(HttpStatusCode.OK, exact.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, longer.StatusCode);
    }

    [Fact]
    public async Task UnknownUser_CostsABcryptCheckLikeAKnownOne_AndARepeatedWrongPairCostsNone()
    {
        await using var host = await AuthHostAsync("correct horse");
        using var client = host.Factory.CreateClient();
        var check = host.Factory.Services.GetRequiredService<CredentialCheck>();

        await Get(client, "/metrics", "prometheus", "wrong");
        await Get(client, "/metrics", "nobody", "wrong");
        var afterTwo = check.BcryptChecks;
        await Get(client, "/metrics", "prometheus", "wrong");
        await Get(client, "/metrics", "nobody", "wrong");

        Assert.Equal(2, afterTwo);
        Assert.Equal(2, check.BcryptChecks);
    }

    [Fact]
    public async Task WrongPasswordFlood_Over16Connections_BcryptStaysWithinItsSlots_ClientIsThrottled_ProbesAnswer()
    {
        // Cost 8 keeps the test short; the limits under test do not depend on the cost.
        await using var host = await AuthHostAsync("correct horse", cost: 8);
        using var client = host.Factory.CreateClient();
        var check = host.Factory.Services.GetRequiredService<CredentialCheck>();
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var flood = Enumerable.Range(0, 16).Select(async connection =>
        {
            var codes = new List<HttpStatusCode>();
            for (var i = 0; i < 6; i++)
            {
                using var response = await Get(client, "/metrics", "prometheus", $"guess-{connection}-{i}");
                codes.Add(response.StatusCode);
            }

            return codes;
        }).ToList();
        using var health = await client.GetAsync(new Uri("/healthz", UriKind.Relative), TestContext.Current.CancellationToken);
        var codes = (await Task.WhenAll(flood)).SelectMany(c => c).ToList();

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.InRange(check.MostConcurrentChecks, 1, check.BcryptSlots);
        Assert.True(codes.Contains(HttpStatusCode.TooManyRequests), string.Join(",", codes.GroupBy(c => c).Select(g => $"{g.Key}={g.Count()}")) + $" checks={check.BcryptChecks}");
        // The client's bucket: 20 checks at once, then 5 a second.
        var allowed = 20 + (5 * Math.Ceiling(clock.Elapsed.TotalSeconds));
        Assert.True(check.BcryptChecks <= allowed, $"{check.BcryptChecks} bcrypt checks for one client's flood in {clock.Elapsed}");
        Assert.DoesNotContain(HttpStatusCode.OK, codes);
    }

    [Fact]
    public async Task OpenProbesFalse_PutsHealthzAndReadyzBehindAuthentication()
    {
        await using var host = await AuthHostAsync("correct horse", new Dictionary<string, string?> { ["Web:OpenProbes"] = "false" });
        using var client = host.Factory.CreateClient();

        using var health = await client.GetAsync(new Uri("/healthz", UriKind.Relative), TestContext.Current.CancellationToken);
        using var ready = await client.GetAsync(new Uri("/readyz", UriKind.Relative), TestContext.Current.CancellationToken);
        using var healthWithCredentials = await Get(client, "/healthz", "prometheus", "correct horse");

        Assert.Equal(HttpStatusCode.Unauthorized, health.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, ready.StatusCode);
        Assert.Equal(HttpStatusCode.OK, healthWithCredentials.StatusCode);
    }

    /// <summary>An in-process exporter with one user, <c>prometheus</c>, at bcrypt cost 10 (the low end of the recommended range) unless told.</summary>
    private static async Task<AuthHost> AuthHostAsync(string password, Dictionary<string, string?>? extra = null, int cost = 10)
    {
        var simulator = new RevSimulator(OneEvent(100, limitPerMinute: null));
        await simulator.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        var settings = new Dictionary<string, string?>(extra ?? []) { ["Web:BasicAuthUsers:prometheus"] = BCrypt.Net.BCrypt.HashPassword(password, workFactor: cost) };
        return new AuthHost(simulator, TestHost.For(simulator, settings));
    }

    private sealed record AuthHost(RevSimulator Simulator, Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> Factory) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Factory.DisposeAsync();
            await Simulator.DisposeAsync();
        }
    }

    private static async Task<HttpResponseMessage> Get(HttpClient client, string path, string user, string password)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + password)));
        return await client.SendAsync(request);
    }
}
