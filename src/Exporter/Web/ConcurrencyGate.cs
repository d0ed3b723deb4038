using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using Vbrick.Exporter.Metrics;

namespace Vbrick.Exporter.Web;

/// <summary>
/// Bounds the requests in flight on every path but <c>/metrics</c> (<c>Web:ConcurrencyLimit</c>):
/// probes, the status page and unknown paths are open to anyone on the network, so a flood of them
/// must not take the threads and CPU a scrape needs. Past the limit a request is answered 503 with
/// <c>Retry-After: 1</c> at once (no queue, which would only hold the flood longer) and counted.
/// <c>/metrics</c> is not limited here: it is behind authentication when that is configured, and
/// limiting it would let the flood refuse the scrape itself.
/// </summary>
internal sealed class ConcurrencyGate(RequestDelegate next, IOptions<WebOptions> options, ExporterMetrics metrics) : IDisposable
{
    private readonly ConcurrencyLimiter? _limiter = options.Value.ConcurrencyLimit > 0
        ? new ConcurrencyLimiter(new ConcurrencyLimiterOptions { PermitLimit = options.Value.ConcurrencyLimit, QueueLimit = 0 })
        : null;

    public async Task InvokeAsync(HttpContext context)
    {
        if (_limiter is null || context.Request.Path.Equals("/metrics", StringComparison.OrdinalIgnoreCase))
        {
            await next(context);
            return;
        }

        using var lease = _limiter.AttemptAcquire();
        if (!lease.IsAcquired)
        {
            metrics.Service.CountRequestOverConcurrencyLimit();
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.Headers.RetryAfter = "1";
            return;
        }

        await next(context);
    }

    public void Dispose() => _limiter?.Dispose();
}
