using System.Security.Authentication;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Vbrick.Exporter.Web;

namespace Vbrick.Exporter.Tests.Web;

public sealed class WebConfigFileTests
{
    private const string Hash = "$2y$10$X0cp2bWvPsfy/3l8KxFlxeuOvBnY9hXgzcK1uRgWkqArImY3Hfw/.";

    [Fact]
    public void ToolkitExample_IsReadWhole_WithRelativePathsFromTheFilesFolder()
    {
        var file = WebConfigFile.Parse($"""
            # As in exporter-toolkit's docs.
            tls_server_config:
              cert_file: server.crt
              key_file: /etc/exporter/server.key
              client_auth_type: RequireAndVerifyClientCert
              client_ca_file: ca.crt
              min_version: TLS13
            http_server_config:
              http2: true
              headers:
                X-Frame-Options: deny
                Strict-Transport-Security: max-age=31536000
            basic_auth_users:
              prometheus: {Hash}
            """, "/etc/exporter/web");

        var tls = Assert.IsType<WebConfigFile.TlsSettings>(file.Tls);
        Assert.Equal("/etc/exporter/web/server.crt", tls.CertFile);
        Assert.Equal("/etc/exporter/server.key", tls.KeyFile);
        Assert.Equal("/etc/exporter/web/ca.crt", tls.ClientCaFile);
        Assert.Equal(ClientCertificateMode.RequireCertificate, tls.ClientCertificates);
        Assert.True(tls.VerifyClientCertificates);
        Assert.Equal(SslProtocols.Tls13, tls.Protocols);
        Assert.Equal("deny", file.Headers["X-Frame-Options"]);
        Assert.Equal(Hash, file.BasicAuthUsers["prometheus"]);
    }

    [Fact]
    public void UsersOnly_NoTls_AndDefaultsAllowTls12And13()
    {
        var users = WebConfigFile.Parse($"basic_auth_users:\n  alice: {Hash}\n", "/");
        var tls = WebConfigFile.Parse("tls_server_config:\n  cert_file: a\n  key_file: b\n", "/");

        Assert.Null(users.Tls);
        Assert.Single(users.BasicAuthUsers);
        Assert.Equal(SslProtocols.Tls12 | SslProtocols.Tls13, tls.Tls!.Protocols);
        Assert.Equal(ClientCertificateMode.NoCertificate, tls.Tls.ClientCertificates);
        Assert.Empty(WebConfigFile.Parse(string.Empty, "/").BasicAuthUsers);
    }

    [Theory]
    [InlineData("tls_server_config:\n  cert_file: a\n  key_file: b\n  client_auth_typo: x\n", "unknown key 'client_auth_typo'")]
    [InlineData("basic_auth_user:\n  a: b\n", "unknown key 'basic_auth_user'")]
    [InlineData("tls_server_config:\n  cert_file: a\n  key_file: b\n  client_auth_type: Maybe\n", "client_auth_type 'Maybe'")]
    [InlineData("tls_server_config:\n  cert_file: a\n  key_file: b\n  client_auth_type: RequireAndVerifyClientCert\n", "client_ca_file is required")]
    [InlineData("tls_server_config:\n  key_file: b\n", "cert_file is required")]
    [InlineData("tls_server_config:\n  cert_file: a\n  key_file: b\n  min_version: TLS10\n", "TLS 1.0 and 1.1 are deprecated")]
    [InlineData("tls_server_config:\n  cert_file: a\n  key_file: b\n  min_version: TLS13\n  max_version: TLS12\n", "min_version is above max_version")]
    [InlineData("tls_server_config:\n  cert_file: a\n  key_file: b\n  cipher_suites: [TLS_AES_128_GCM_SHA256]\n", "cipher_suites is not supported")]
    [InlineData("http_server_config:\n  headers:\n    Set-Cookie: a=b\n", "Set-Cookie cannot be set")]
    [InlineData("tls_server_config: [a, b]\n", "must be a mapping")]
    [InlineData("basic_auth_users:\n  a: [1, 2]\n", "single value")]
    [InlineData("basic_auth_users: {a: b\n", "not valid YAML")]
    public void Mistakes_AreRefusedNamingTheKey_NeverEchoingAHash(string yaml, string expected)
    {
        var ex = Assert.Throws<WebConfigException>(() => WebConfigFile.Parse(yaml.Replace("b\n", Hash + "\n", StringComparison.Ordinal), "/"));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Hash, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Arguments_InTheToolkitsSpelling_BecomeTheConfigurationKey() =>
        Assert.Equal(
            ["--demo", "--Web:ConfigFile=/a.yml", "--Web:ConfigFile=/b.yml", "--urls", "http://+:1"],
            WebConfigHosting.TranslateArguments(["--demo", "--web.config.file", "/a.yml", "--web.config.file=/b.yml", "--urls", "http://+:1"]));
}
