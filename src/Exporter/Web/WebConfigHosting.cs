using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Vbrick.Exporter.Web;

/// <summary>
/// Applies <c>--web.config.file</c> (<c>Web:ConfigFile</c>) to the host: its users join
/// <c>Web:BasicAuthUsers</c> (the file wins on a shared name), its TLS settings turn every listen
/// address to https with the given certificate and client-certificate rules, its headers go on every
/// response. Every problem surfaces before the host is built, as a <see cref="WebConfigException"/>.
/// </summary>
public static class WebConfigHosting
{
    public const string ConfigKey = "Web:ConfigFile";

    /// <summary>Turns <c>--web.config.file path</c> and <c>--web.config.file=path</c> into <c>--Web:ConfigFile=path</c>.</summary>
    public static string[] TranslateArguments(string[] args)
    {
        var translated = new List<string>(args.Length);
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--web.config.file" && i + 1 < args.Length)
            {
                translated.Add($"--{ConfigKey}={args[++i]}");
            }
            else if (args[i].StartsWith("--web.config.file=", StringComparison.Ordinal))
            {
                translated.Add($"--{ConfigKey}={args[i]["--web.config.file=".Length..]}");
            }
            else
            {
                translated.Add(args[i]);
            }
        }

        return [.. translated];
    }

    public static WebApplicationBuilder UseWebConfigFile(this WebApplicationBuilder builder)
    {
        var path = builder.Configuration[ConfigKey];
        if (string.IsNullOrWhiteSpace(path))
        {
            return builder;
        }

        var file = WebConfigFile.Load(path);
        builder.Services.AddSingleton(file);
        if (file.BasicAuthUsers.Count > 0)
        {
            builder.Configuration.AddInMemoryCollection(file.BasicAuthUsers.Select(u => new KeyValuePair<string, string?>($"{WebOptions.SectionName}:{nameof(WebOptions.BasicAuthUsers)}:{u.Key}", u.Value)));
        }

        if (file.Tls is { } tls)
        {
            UseTls(builder, tls);
        }

        return builder;
    }

    /// <summary>Sets the file's headers on every response (before the body starts).</summary>
    public static WebApplication UseWebConfigHeaders(this WebApplication app)
    {
        if (app.Services.GetService<WebConfigFile>() is { Headers.Count: > 0 } file)
        {
            app.Use((context, next) =>
            {
                context.Response.OnStarting(() =>
                {
                    foreach (var (name, value) in file.Headers)
                    {
                        context.Response.Headers[name] = value;
                    }

                    return Task.CompletedTask;
                });
                return next(context);
            });
        }

        return app;
    }

    private static void UseTls(WebApplicationBuilder builder, WebConfigFile.TlsSettings tls)
    {
        X509Certificate2 certificate;
        X509Certificate2Collection authorities = [];
        try
        {
            certificate = X509Certificate2.CreateFromPemFile(tls.CertFile, tls.KeyFile);
            if (tls.ClientCaFile is { } ca)
            {
                authorities.ImportFromPemFile(ca);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or CryptographicException)
        {
            throw new WebConfigException($"tls_server_config: cert_file, key_file or client_ca_file cannot be read as PEM ({ex.GetType().Name})");
        }

        if (tls.ClientCaFile is not null && authorities.Count == 0)
        {
            throw new WebConfigException("tls_server_config.client_ca_file holds no certificate");
        }

        // The file says TLS: every listen address becomes https, as the toolkit serves TLS only.
        var urls = builder.Configuration[WebHostDefaults.ServerUrlsKey] ?? string.Empty;
        builder.WebHost.UseSetting(WebHostDefaults.ServerUrlsKey, string.Join(';', urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(u => u.StartsWith("http://", StringComparison.OrdinalIgnoreCase) ? "https://" + u["http://".Length..] : u)));
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureHttpsDefaults(https =>
        {
            https.ServerCertificate = certificate;
            https.SslProtocols = tls.Protocols;
            https.ClientCertificateMode = tls.ClientCertificates;
            https.ClientCertificateValidation = tls.VerifyClientCertificates
                ? (client, _, _) => IssuedBy(client, authorities)
                : (_, _, _) => true;
        }));
    }

    /// <summary>Whether the client's certificate chains to one of the file's authorities (and only those).</summary>
    private static bool IssuedBy(X509Certificate2 client, X509Certificate2Collection authorities)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(authorities);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.ApplicationPolicy.Add(new Oid("1.3.6.1.5.5.7.3.2"));
        return chain.Build(client);
    }
}
