using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Vbrick.Rev.Simulator.Faults;

namespace Vbrick.Rev.Simulator.Endpoints;

/// <summary>What every simulated endpoint shares: token checks, Rev-style error bodies and generic faults.</summary>
internal static class SimulatorHttp
{
    public static string? TokenOf(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        return header.StartsWith("VBrick ", StringComparison.Ordinal) ? header["VBrick ".Length..].Trim() : null;
    }

    public static Task WriteErrorAsync(HttpContext context, int statusCode, string code, string detail)
    {
        context.Response.StatusCode = statusCode;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(JsonSerializer.Serialize(new Dictionary<string, string> { ["code"] = code, ["detail"] = detail }));
    }

    /// <summary>Answers 401 unless the request carries a live token; an armed token fault revokes them all first.</summary>
    public static async Task<bool> RejectUnauthorizedAsync(HttpContext context, RevSimulator simulator, Fault? fault)
    {
        if (fault?.Kind == FaultKind.ExpireTokens)
        {
            simulator.RevokeAllTokens();
        }

        if (simulator.IsValidToken(TokenOf(context)))
        {
            return false;
        }

        await WriteErrorAsync(context, StatusCodes.Status401Unauthorized, "Unauthorized", "Session expired.");
        return true;
    }

    /// <summary>The event's audience, or a 404 already written (unknown or deleted event).</summary>
    public static async Task<Audience.AudienceModel?> FindEventAsync(HttpContext context, RevSimulator simulator, string eventId)
    {
        if (simulator.TryGetAudience(eventId, out var audience) && audience.Event.StatusOverride != "Deleted")
        {
            return audience;
        }

        await WriteErrorAsync(context, StatusCodes.Status404NotFound, "NotFound", "Event not found.");
        return null;
    }

    private static async Task WriteHugeBodyAsync(HttpContext context, long size)
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json";
        var item = System.Text.Encoding.UTF8.GetBytes("{\"id\":\"c\",\"comment\":\"" + new string('x', 1000) + "\",\"username\":\"u\"},");
        var chunk = new byte[item.Length * 64];
        for (var i = 0; i < 64; i++)
        {
            item.CopyTo(chunk, i * item.Length);
        }

        // Through the pipe writer, whose flush applies back-pressure and reports a reader that has gone.
        var writer = context.Response.BodyWriter;
        try
        {
            await writer.WriteAsync("["u8.ToArray(), context.RequestAborted);
            var sent = 1L;
            while (sent + chunk.Length < size)
            {
                var flushed = await writer.WriteAsync(chunk, context.RequestAborted);
                if (flushed.IsCompleted || flushed.IsCanceled || context.RequestAborted.IsCancellationRequested)
                {
                    return;
                }

                sent += chunk.Length;
            }

            await writer.WriteAsync("{}]"u8.ToArray(), context.RequestAborted);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or InvalidOperationException)
        {
            // The client stopped reading: what a capped reader should do.
        }
    }

    /// <summary>Applies a fault that does not depend on the endpoint; true when the response is already written.</summary>
    public static async Task<bool> ApplyGenericFaultAsync(HttpContext context, RevSimulator simulator, Fault? fault)
    {
        switch (fault?.Kind)
        {
            case FaultKind.Status:
                if (fault.Location is { } location)
                {
                    context.Response.Headers.Location = location.AbsoluteUri;
                }

                if (fault.StatusCode == StatusCodes.Status429TooManyRequests && fault.RetryAfter is { } retryAfter)
                {
                    context.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                if (fault.StatusCode == StatusCodes.Status429TooManyRequests)
                {
                    simulator.Stats.RecordRateLimited();
                }

                await WriteErrorAsync(context, fault.StatusCode, "Injected", "Injected fault.");
                return true;
            case FaultKind.Delay:
                await simulator.HoldAsync(context, fault.Delay);
                return false;
            case FaultKind.MalformedJson:
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync("this is { not json");
                return true;
            case FaultKind.TruncatedJson when context.Request.Path.Value?.Contains("/real-time/", StringComparison.Ordinal) != true:
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync("{\"sessions\":[{\"zone\":\"London HQ\",\"sessionTime\":\"0:0");
                return true;
            case FaultKind.HtmlBody:
                context.Response.ContentType = "text/html";
                await context.Response.WriteAsync("<html><body><h1>502 Bad Gateway</h1></body></html>");
                return true;
            case FaultKind.EmptyBody:
                context.Response.StatusCode = StatusCodes.Status200OK;
                return true;
            case FaultKind.StallBody:
                context.Response.StatusCode = StatusCodes.Status200OK;
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync("{\"scrollId\": null, \"attendees\": [");
                await context.Response.Body.FlushAsync(context.RequestAborted);
                try
                {
                    await simulator.HoldAsync(context, fault.Delay);
                }
                catch (OperationCanceledException)
                {
                    // The client gave up: what it should do.
                }

                return true;
            case FaultKind.HugeBody:
                await WriteHugeBodyAsync(context, fault.Size);
                return true;
            case FaultKind.ErrorDescription:
                context.Response.StatusCode = StatusCodes.Status200OK;
                await context.Response.WriteAsJsonAsync(new Dictionary<string, object?> { ["sessions"] = Array.Empty<object>(), ["totalSessions"] = 0, ["errorDescription"] = "Report is being generated" });
                return true;
            case FaultKind.ResetConnection:
                context.Abort();
                return true;
            case FaultKind.ExpireTokens:
                simulator.RevokeAllTokens();
                return false;
            default:
                return false;
        }
    }
}
