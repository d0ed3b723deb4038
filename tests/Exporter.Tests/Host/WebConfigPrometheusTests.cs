using System.Net;
using System.Net.Http.Json;
using System.Security.Authentication;
using System.Text.Json.Nodes;
using Vbrick.Exporter.Tests.Support;

namespace Vbrick.Exporter.Tests.Host;

/// <summary>
/// <c>--web.config.file</c> as a Prometheus user deploys it: the built exporter serves TLS with a
/// CA-issued certificate, demands a client certificate from that CA and basic authentication, and
/// sets the file's headers; a real Prometheus (Debian's package) scrapes it with the matching
/// <c>tls_config</c> and <c>basic_auth</c>.
/// </summary>
[Trait(Tier.Name, Tier.Slow)]
public sealed class WebConfigPrometheusTests
{
    private const string Password = "scrape-password-1";

    [Fact]
    public async Task Prometheus_ScrapesOverMutualTlsWithBasicAuth_AndEveryoneElseIsRefused()
    {
        var prometheusPath = RequiredTool.Find("prometheus", "Debian's prometheus package has it", "/usr/bin/prometheus");
        var work = Directory.CreateTempSubdirectory("vbrick-webconfig-");
        using var authority = TestCertificates.CreateAuthority("vbrick test CA");
        using var server = TestCertificates.Issue(authority, "127.0.0.1", client: false);
        using var client = TestCertificates.Issue(authority, "prometheus", client: true);
        var caPath = Path.Combine(work.FullName, "ca.crt");
        await File.WriteAllTextAsync(caPath, authority.ExportCertificatePem(), TestContext.Current.CancellationToken);
        TestCertificates.WritePem(server, work.FullName, "server");
        var (clientCert, clientKey) = TestCertificates.WritePem(client, work.FullName, "client");

        // Relative paths, as the toolkit takes them: from the file's own folder.
        var webConfig = Path.Combine(work.FullName, "web-config.yml");
        await File.WriteAllTextAsync(webConfig, $"""
            tls_server_config:
              cert_file: server.crt
              key_file: server.key
              client_auth_type: RequireAndVerifyClientCert
              client_ca_file: ca.crt
              min_version: TLS12
            http_server_config:
              headers:
                X-Frame-Options: deny
            basic_auth_users:
              prometheus: {BCrypt.Net.BCrypt.HashPassword(Password, 10)}
            """, TestContext.Current.CancellationToken);

        var (exporterPort, prometheusPort) = (ExporterProcess.FreePort(), ExporterProcess.FreePort());
        var prometheusConfig = Path.Combine(work.FullName, "prometheus.yml");
        await File.WriteAllTextAsync(prometheusConfig, $"""
            global:
              scrape_interval: 2s
            scrape_configs:
              - job_name: vbrick
                scheme: https
                basic_auth:
                  username: prometheus
                  password: {Password}
                tls_config:
                  ca_file: {caPath}
                  cert_file: {clientCert}
                  key_file: {clientKey}
                static_configs:
                  - targets: ["127.0.0.1:{exporterPort}"]
            """, TestContext.Current.CancellationToken);

        await using var exporter = ExporterProcess.Start(["--demo", "--web.config.file", webConfig, "--urls", $"http://127.0.0.1:{exporterPort}"]);
        using var prometheus = ExternalService.Start(prometheusPath, $"--config.file={prometheusConfig}", $"--storage.tsdb.path={Path.Combine(work.FullName, "tsdb")}", $"--web.listen-address=127.0.0.1:{prometheusPort}");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        try
        {
            var scraped = await WaitForAsync(http, prometheusPort, "vbrick_exporter_build_info{job=\"vbrick\"} * on (instance) group_left up{job=\"vbrick\"}");
            Assert.Equal("1", scraped[1]!.GetValue<string>());
            Assert.True((await QueryAsync(http, prometheusPort, "vbrick_webcast_event_info{job=\"vbrick\"}"))!.Count > 0, "no webcast series were scraped");

            var target = new Uri($"https://127.0.0.1:{exporterPort}/metrics");
            using (var withBoth = Client(authority, client))
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, target);
                request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("prometheus:" + Password)));
                using var ok = await withBoth.SendAsync(request, TestContext.Current.CancellationToken);
                Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
                Assert.Equal("deny", ok.Headers.GetValues("X-Frame-Options").Single());
                using var noPassword = await withBoth.GetAsync(target, TestContext.Current.CancellationToken);
                Assert.Equal(HttpStatusCode.Unauthorized, noPassword.StatusCode);
            }

            using (var withoutCertificate = Client(authority, null))
            {
                await Assert.ThrowsAnyAsync<Exception>(() => withoutCertificate.GetAsync(target, TestContext.Current.CancellationToken));
            }

            using var otherAuthority = TestCertificates.CreateAuthority("someone else's CA");
            using var stranger = TestCertificates.Issue(otherAuthority, "stranger", client: true);
            using (var withStrangersCertificate = Client(authority, stranger))
            {
                await Assert.ThrowsAnyAsync<Exception>(() => withStrangersCertificate.GetAsync(target, TestContext.Current.CancellationToken));
            }

            Assert.Contains("TLS on", exporter.Stdout, StringComparison.Ordinal);
        }
        finally
        {
            prometheus.Kill(entireProcessTree: true);
            exporter.Terminate();
            await exporter.WaitForExitAsync(TimeSpan.FromSeconds(15));
            work.Delete(recursive: true);
        }
    }

    private static HttpClient Client(System.Security.Cryptography.X509Certificates.X509Certificate2 authority, System.Security.Cryptography.X509Certificates.X509Certificate2? certificate)
    {
        var handler = new SocketsHttpHandler();
        handler.SslOptions.EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13;
        handler.SslOptions.RemoteCertificateValidationCallback = (_, presented, _, _) =>
        {
            using var chain = new System.Security.Cryptography.X509Certificates.X509Chain();
            chain.ChainPolicy.TrustMode = System.Security.Cryptography.X509Certificates.X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.Add(authority);
            chain.ChainPolicy.RevocationMode = System.Security.Cryptography.X509Certificates.X509RevocationMode.NoCheck;
            return presented is not null && chain.Build(new System.Security.Cryptography.X509Certificates.X509Certificate2(presented));
        };
        if (certificate is not null)
        {
            handler.SslOptions.ClientCertificates = [certificate];
        }

        return new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(10) };
    }

    private static async Task<JsonArray> WaitForAsync(HttpClient http, int port, string expr) =>
        (await Eventually.ValueAsync(() => QueryAsync(http, port, expr), result => result is { Count: > 0 }, TimeSpan.FromMinutes(2), $"Prometheus having {expr} (see its targets page for the scrape error)", TimeSpan.FromMilliseconds(500)))![0]!["value"]!.AsArray();

    private static async Task<JsonArray?> QueryAsync(HttpClient http, int port, string expr)
    {
        var response = await http.GetFromJsonAsync<JsonObject>($"http://127.0.0.1:{port}/api/v1/query?query={Uri.EscapeDataString(expr)}", TestContext.Current.CancellationToken);
        return response!["data"]!["result"]!.AsArray();
    }
}
