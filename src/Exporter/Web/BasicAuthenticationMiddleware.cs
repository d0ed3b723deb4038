using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Vbrick.Exporter.Metrics;

namespace Vbrick.Exporter.Web;

/// <summary>
/// HTTP basic authentication against bcrypt hashes. bcrypt is slow by design, so a credential
/// that verified once is remembered by its SHA-256 (never in clear) and later scrapes cost nothing.
/// </summary>
internal sealed partial class BasicAuthenticationMiddleware(RequestDelegate next, IOptions<WebOptions> options, ExporterMetrics metrics, ILogger<BasicAuthenticationMiddleware> logger)
{
    private readonly ConcurrentDictionary<string, bool> _verified = new(StringComparer.Ordinal);

    public async Task InvokeAsync(HttpContext context)
    {
        var settings = options.Value;
        if (settings.BasicAuthUsers.Count == 0 || settings.UnauthenticatedPaths.Contains(context.Request.Path.Value ?? string.Empty, StringComparer.OrdinalIgnoreCase))
        {
            await next(context);
            return;
        }

        if (TryReadCredentials(context, out var user, out var password) && Verify(settings, user, password))
        {
            await next(context);
            return;
        }

        metrics.HttpAuthFailures.Inc();
        Log.Refused(logger, context.Request.Path.Value ?? "/");
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers.WWWAuthenticate = "Basic realm=\"vbrick-rev-exporter\", charset=\"UTF-8\"";
    }

    private bool Verify(WebOptions settings, string user, string password)
    {
        if (!settings.BasicAuthUsers.TryGetValue(user, out var hash))
        {
            return false;
        }

        var key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(user + "\n" + password + "\n" + hash)));
        if (_verified.ContainsKey(key))
        {
            return true;
        }

        bool valid;
        try
        {
            valid = BCrypt.Net.BCrypt.Verify(password, hash);
        }
        catch (BCrypt.Net.SaltParseException)
        {
            valid = false;
        }

        if (valid)
        {
            _verified[key] = true;
        }

        return valid;
    }

    private static bool TryReadCredentials(HttpContext context, out string user, out string password)
    {
        user = password = string.Empty;
        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..].Trim()));
            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                return false;
            }

            user = decoded[..colon];
            password = decoded[(colon + 1)..];
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 700, Level = LogLevel.Warning, Message = "Refused an unauthenticated request for {Path}")]
        public static partial void Refused(ILogger logger, string path);
    }
}
