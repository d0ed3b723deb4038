using Microsoft.Net.Http.Headers;
using Prometheus;

namespace Vbrick.Exporter.Metrics;

/// <summary>
/// Serves <c>/metrics</c> from the exporter's registry. Rendering happens under the publication
/// gate into memory, then goes to the client outside it, so a slow scraper never holds up polling.
/// A scrape never calls Rev.
/// </summary>
public static class MetricsEndpoint
{
    private const string OpenMetricsContentType = "application/openmetrics-text; version=1.0.0; charset=utf-8";
    private const string TextContentType = "text/plain; version=0.0.4; charset=utf-8";

    public static async Task WriteAsync(HttpContext context, ExporterMetrics metrics)
    {
        var openMetrics = context.Request.Headers.Accept.ToString().Contains("application/openmetrics-text", StringComparison.OrdinalIgnoreCase);
        using var buffer = new MemoryStream(64 * 1024);
        await metrics.PublicationGate.WaitAsync(context.RequestAborted);
        try
        {
            metrics.RefreshProcessFigures();
            await metrics.Registry.CollectAndExportAsTextAsync(
                buffer,
                openMetrics ? ExpositionFormat.OpenMetricsText : ExpositionFormat.PrometheusText,
                context.RequestAborted);
        }
        finally
        {
            metrics.PublicationGate.Release();
        }

        context.Response.Headers[HeaderNames.ContentType] = openMetrics ? OpenMetricsContentType : TextContentType;
        context.Response.ContentLength = buffer.Length;
        buffer.Position = 0;
        await buffer.CopyToAsync(context.Response.Body, context.RequestAborted);
    }
}
