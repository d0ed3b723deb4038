using System.Security.Authentication;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Vbrick.Exporter.Web;

/// <summary>
/// The web configuration file every Prometheus exporter takes (<c>--web.config.file</c>, the format
/// of prometheus/exporter-toolkit): <c>tls_server_config</c>, <c>http_server_config.headers</c> and
/// <c>basic_auth_users</c>. Read strictly, as the toolkit does: an unknown key is an error, not ignored.
/// Supported: <c>cert_file</c>, <c>key_file</c>, <c>client_auth_type</c>, <c>client_ca_file</c>,
/// <c>min_version</c>, <c>max_version</c>; the toolkit's cipher and curve settings are refused with
/// a clear message (.NET takes them from the operating system).
/// </summary>
public sealed record WebConfigFile(
    WebConfigFile.TlsSettings? Tls,
    IReadOnlyDictionary<string, string> Headers,
    IReadOnlyDictionary<string, string> BasicAuthUsers)
{
    /// <summary>Response headers the toolkit allows in <c>http_server_config.headers</c>.</summary>
    public static readonly IReadOnlySet<string> AllowedHeaders = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "Cache-Control", "Content-Security-Policy", "Strict-Transport-Security", "X-Content-Type-Options", "X-Frame-Options", "X-XSS-Protection",
    };

    public sealed record TlsSettings(string CertFile, string KeyFile, ClientCertificateMode ClientCertificates, bool VerifyClientCertificates, string? ClientCaFile, SslProtocols Protocols);

    /// <summary>Reads and checks the file; every problem is a <see cref="WebConfigException"/> naming it.</summary>
    public static WebConfigFile Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new WebConfigException($"cannot be read ({ex.GetType().Name})");
        }

        return Parse(text, Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".");
    }

    /// <summary>Parses the file's text; relative file paths in it are taken from <paramref name="directory"/>, as the toolkit does.</summary>
    public static WebConfigFile Parse(string text, string directory)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException ex)
        {
            throw new WebConfigException($"is not valid YAML (line {ex.Start.Line})");
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
        {
            return new WebConfigFile(null, new Dictionary<string, string>(), new Dictionary<string, string>());
        }

        var root = Mapping(stream.Documents[0].RootNode, "the file");
        Only(root, "the file", "tls_server_config", "http_server_config", "basic_auth_users");
        var tls = root.Children.TryGetValue(new YamlScalarNode("tls_server_config"), out var tlsNode) ? ReadTls(Mapping(tlsNode, "tls_server_config"), directory) : null;
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (root.Children.TryGetValue(new YamlScalarNode("http_server_config"), out var httpNode))
        {
            var http = Mapping(httpNode, "http_server_config");
            Only(http, "http_server_config", "headers", "http2");
            if (http.Children.TryGetValue(new YamlScalarNode("headers"), out var headersNode))
            {
                foreach (var (name, value) in Strings(Mapping(headersNode, "http_server_config.headers"), "http_server_config.headers"))
                {
                    if (!AllowedHeaders.Contains(name))
                    {
                        throw new WebConfigException($"http_server_config.headers: {name} cannot be set (allowed: {string.Join(", ", AllowedHeaders.Order(StringComparer.Ordinal))})");
                    }

                    headers[name] = value;
                }
            }
        }

        var users = new Dictionary<string, string>(StringComparer.Ordinal);
        if (root.Children.TryGetValue(new YamlScalarNode("basic_auth_users"), out var usersNode))
        {
            foreach (var (user, hash) in Strings(Mapping(usersNode, "basic_auth_users"), "basic_auth_users"))
            {
                users[user] = hash;
            }
        }

        return new WebConfigFile(tls, headers, users);
    }

    private static TlsSettings ReadTls(YamlMappingNode tls, string directory)
    {
        foreach (var unsupported in new[] { "cipher_suites", "curve_preferences", "prefer_server_cipher_suites", "client_allowed_sans", "cert", "key" })
        {
            if (tls.Children.ContainsKey(new YamlScalarNode(unsupported)))
            {
                throw new WebConfigException($"tls_server_config.{unsupported} is not supported by this exporter (.NET takes ciphers and curves from the operating system); remove it");
            }
        }

        Only(tls, "tls_server_config", "cert_file", "key_file", "client_auth_type", "client_ca_file", "min_version", "max_version");
        var values = Strings(tls, "tls_server_config").ToDictionary(StringComparer.Ordinal);
        var cert = values.GetValueOrDefault("cert_file") ?? throw new WebConfigException("tls_server_config.cert_file is required");
        var key = values.GetValueOrDefault("key_file") ?? throw new WebConfigException("tls_server_config.key_file is required");
        var authType = values.GetValueOrDefault("client_auth_type") ?? "NoClientCert";
        var (mode, verify) = authType switch
        {
            "NoClientCert" => (ClientCertificateMode.NoCertificate, false),
            "RequestClientCert" => (ClientCertificateMode.AllowCertificate, false),
            "RequireAnyClientCert" => (ClientCertificateMode.RequireCertificate, false),
            "VerifyClientCertIfGiven" => (ClientCertificateMode.AllowCertificate, true),
            "RequireAndVerifyClientCert" => (ClientCertificateMode.RequireCertificate, true),
            _ => throw new WebConfigException($"tls_server_config.client_auth_type '{authType}' is not one of NoClientCert, RequestClientCert, RequireAnyClientCert, VerifyClientCertIfGiven, RequireAndVerifyClientCert"),
        };
        var ca = values.GetValueOrDefault("client_ca_file");
        if (verify && ca is null)
        {
            throw new WebConfigException($"tls_server_config.client_ca_file is required with client_auth_type {authType}");
        }

        var min = Version(values.GetValueOrDefault("min_version") ?? "TLS12", "min_version");
        var max = Version(values.GetValueOrDefault("max_version") ?? "TLS13", "max_version");
        if (min > max)
        {
            throw new WebConfigException("tls_server_config.min_version is above max_version");
        }

        var protocols = SslProtocols.None;
        foreach (var (version, protocol) in Versions)
        {
            if (version >= min && version <= max)
            {
                protocols |= protocol;
            }
        }

        return new TlsSettings(Resolve(cert, directory), Resolve(key, directory), mode, verify, ca is null ? null : Resolve(ca, directory), protocols);
    }

    private static readonly (int Version, SslProtocols Protocol)[] Versions = [(12, SslProtocols.Tls12), (13, SslProtocols.Tls13)];

    private static int Version(string value, string key) => value switch
    {
        // The toolkit accepts them; they are deprecated and off in .NET, so a file asking is told.
        "TLS10" or "TLS11" => throw new WebConfigException($"tls_server_config.{key} {value} is not offered: TLS 1.0 and 1.1 are deprecated; use TLS12 or TLS13"),
        "TLS12" => 12,
        "TLS13" => 13,
        _ => throw new WebConfigException($"tls_server_config.{key} '{value}' is not one of TLS12, TLS13"),
    };

    private static string Resolve(string path, string directory) => Path.IsPathRooted(path) ? path : Path.GetFullPath(Path.Combine(directory, path));

    private static YamlMappingNode Mapping(YamlNode node, string where) =>
        node as YamlMappingNode ?? throw new WebConfigException($"{where} must be a mapping of keys to values");

    private static void Only(YamlMappingNode node, string where, params string[] allowed)
    {
        foreach (var key in node.Children.Keys)
        {
            var name = (key as YamlScalarNode)?.Value ?? "?";
            if (!allowed.Contains(name, StringComparer.Ordinal))
            {
                throw new WebConfigException($"{where}: unknown key '{name}' (allowed: {string.Join(", ", allowed)})");
            }
        }
    }

    private static IEnumerable<KeyValuePair<string, string>> Strings(YamlMappingNode node, string where)
    {
        foreach (var (key, value) in node.Children)
        {
            if (key is not YamlScalarNode { Value: { Length: > 0 } name } || value is not YamlScalarNode scalar)
            {
                throw new WebConfigException($"{where}: every entry must be a name with a single value");
            }

            // http2 is a boolean the toolkit takes; HTTP/2 here follows Kestrel's defaults.
            if (name == "http2")
            {
                continue;
            }

            yield return new(name, scalar.Value ?? string.Empty);
        }
    }
}

/// <summary>A problem in the web configuration file; the message never quotes a password hash from it.</summary>
public sealed class WebConfigException : Exception
{
    public WebConfigException(string message)
        : base(message)
    {
    }

    public WebConfigException()
    {
    }

    public WebConfigException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
