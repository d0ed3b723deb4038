using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Vbrick.Rev.Simulator.Faults;

namespace Vbrick.Rev.Simulator.Endpoints;

internal static class AuthenticationEndpoints
{
    /// <summary>An expiry as <see cref="RevSimulatorOptions.ExpirationFormat"/> writes it (null: left out).</summary>
    private static object? Expiration(RevSimulator simulator, DateTimeOffset? at) => at is not { } expires ? null : simulator.Options.ExpirationFormat switch
    {
        ExpirationFormat.Missing => null,
        ExpirationFormat.Text => "in 60 minutes",
        ExpirationFormat.Number => expires.ToUnixTimeMilliseconds(),
        ExpirationFormat.Loose => expires.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture),
        _ => expires,
    };

    public static void Map(WebApplication app, RevSimulator simulator)
    {
        app.MapPost("/api/v2/authenticate", async context =>
        {
            simulator.Stats.Record(FaultTarget.Authenticate, simulator.Time.GetUtcNow());
            simulator.Stats.RecordUserAgent(context.Request.Headers.UserAgent.ToString());
            if (await SimulatorHttp.ApplyGenericFaultAsync(context, simulator, simulator.Faults.Take(FaultTarget.Authenticate, false)))
            {
                return;
            }

            string? apiKey = null, secret = null;
            try
            {
                using var body = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
                apiKey = body.RootElement.TryGetProperty("apiKey", out var k) ? k.GetString() : null;
                secret = body.RootElement.TryGetProperty("secret", out var s) ? s.GetString() : null;
            }
            catch (JsonException)
            {
            }

            if (apiKey != simulator.Options.ApiKey || secret != simulator.Options.Secret)
            {
                await SimulatorHttp.WriteErrorAsync(context, StatusCodes.Status401Unauthorized, "Unauthorized", "Invalid credentials.");
                return;
            }

            var token = simulator.IssueToken();
            await context.Response.WriteAsJsonAsync(new Dictionary<string, object?>
            {
                ["token"] = token,
                ["issuer"] = "VBrick",
                ["expiration"] = Expiration(simulator, simulator.ExpirationOf(token)),
            });
        });

        app.MapPost("/api/v2/user/extend-session", async context =>
        {
            if (await ValidSessionAsync(context, simulator, FaultTarget.ExtendSession) is { } token)
            {
                await context.Response.WriteAsJsonAsync(new Dictionary<string, object?> { ["expiration"] = Expiration(simulator, simulator.Extend(token)) });
            }
        });

        // Vbrick's client asks this before signing in again after a 401: 200 while the token is valid.
        app.MapGet("/api/v2/user/session", async context =>
        {
            if (await ValidSessionAsync(context, simulator, FaultTarget.UserSession) is { } token)
            {
                await context.Response.WriteAsJsonAsync(new Dictionary<string, object?> { ["userId"] = "api-user", ["expiration"] = simulator.ExpirationOf(token) });
            }
        });
    }

    /// <summary>Counts the call, applies its fault, and answers 401 for a token Rev no longer knows; the token when the call may go on, else null (answered).</summary>
    private static async Task<string?> ValidSessionAsync(HttpContext context, RevSimulator simulator, FaultTarget target)
    {
        simulator.Stats.Record(target, simulator.Time.GetUtcNow());
        if (await SimulatorHttp.ApplyGenericFaultAsync(context, simulator, simulator.Faults.Take(target, false)))
        {
            return null;
        }

        var token = SimulatorHttp.TokenOf(context);
        if (token is null || !simulator.IsValidToken(token))
        {
            await SimulatorHttp.WriteErrorAsync(context, StatusCodes.Status401Unauthorized, "Unauthorized", "Session expired.");
            return null;
        }

        return token;
    }
}
