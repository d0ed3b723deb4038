using Microsoft.Extensions.Options;
using Vbrick.Exporter.Metrics;

namespace Vbrick.Exporter.Web;

/// <summary>
/// HTTP basic authentication for the exporter's endpoints (<see cref="CredentialCheck"/> does the
/// checking). Probes (<c>/healthz</c>, <c>/readyz</c>) stay open unless <c>Web:OpenProbes</c> is false.
/// </summary>
internal sealed partial class BasicAuthenticationMiddleware(RequestDelegate next, IOptions<WebOptions> options, CredentialCheck credentials, ExporterMetrics metrics, ILogger<BasicAuthenticationMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var settings = options.Value;
        if (settings.BasicAuthUsers.Count == 0 || settings.IsOpen(context.Request.Path.Value ?? string.Empty))
        {
            await next(context);
            return;
        }

        var outcome = TryReadCredentials(context, out var user, out var password)
            ? await credentials.CheckAsync(context.Connection.RemoteIpAddress?.ToString() ?? "local", user, password, context.RequestAborted)
            : CredentialOutcome.Refused;
        if (outcome == CredentialOutcome.Accepted)
        {
            await next(context);
            return;
        }

        metrics.Service.CountRefusedRequest();

        // Debug only, and the path cleaned: a flood must not flood the logs or forge lines in them.
        if (logger.IsEnabled(LogLevel.Debug))
        {
            var path = Aggregation.LabelSanitizer.Clean(context.Request.Path.Value ?? "/");
            Log.Refused(logger, path, outcome);
        }
        if (outcome == CredentialOutcome.Throttled)
        {
            context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            context.Response.Headers.RetryAfter = "1";
            return;
        }

        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers.WWWAuthenticate = "Basic realm=\"vbrick-rev-exporter\", charset=\"UTF-8\"";
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
            var decoded = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..].Trim()));
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
        [LoggerMessage(EventId = 700, Level = LogLevel.Debug, Message = "Refused a request for {Path} ({Outcome})")]
        public static partial void Refused(ILogger logger, string path, CredentialOutcome outcome);
    }
}
