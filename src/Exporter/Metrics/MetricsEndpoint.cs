using System.IO.Compression;
using Microsoft.Net.Http.Headers;
using Prometheus;

namespace Vbrick.Exporter.Metrics;

/// <summary>
/// Serves <c>/metrics</c> from the exporter's registry. Rendering happens under the publication
/// gate into memory, then goes to the client outside it, so a slow scraper never holds up polling.
/// A scrape never calls Rev. Compressed with gzip when the scraper asks (Prometheus does): label-heavy
/// exposition text shrinks about tenfold.
/// </summary>
public static class MetricsEndpoint
{
    private const string OpenMetricsContentType = "application/openmetrics-text; version=1.0.0; charset=utf-8";
    private const string TextContentType = "text/plain; version=0.0.4; charset=utf-8";

    public static async Task WriteAsync(HttpContext context, ExporterMetrics metrics)
    {
        var openMetrics = context.Request.Headers.Accept.ToString().Contains("application/openmetrics-text", StringComparison.OrdinalIgnoreCase);
        using var buffer = new MemoryStream(64 * 1024);
        using (await metrics.PublicationGate.EnterAsync(context.RequestAborted))
        {
            metrics.Process.Refresh();
            await metrics.Registry.CollectAndExportAsTextAsync(
                buffer,
                openMetrics ? ExpositionFormat.OpenMetricsText : ExpositionFormat.PrometheusText,
                context.RequestAborted);
        }

        context.Response.Headers[HeaderNames.ContentType] = openMetrics ? OpenMetricsContentType : TextContentType;
        context.Response.Headers[HeaderNames.Vary] = HeaderNames.AcceptEncoding;
        buffer.Position = 0;
        if (!AcceptsGzip(context.Request))
        {
            context.Response.ContentLength = buffer.Length;
            await buffer.CopyToAsync(context.Response.Body, context.RequestAborted);
            return;
        }

        using var compressed = new MemoryStream((int)Math.Min(buffer.Length, int.MaxValue) / 4);
        await using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            await buffer.CopyToAsync(gzip, context.RequestAborted);
        }

        context.Response.Headers[HeaderNames.ContentEncoding] = "gzip";
        context.Response.ContentLength = compressed.Length;
        compressed.Position = 0;
        await compressed.CopyToAsync(context.Response.Body, context.RequestAborted);
    }

    /// <summary>Whether the request's Accept-Encoding lists gzip with a non-zero quality.</summary>
    private static bool AcceptsGzip(HttpRequest request)
    {
        foreach (var value in request.Headers.AcceptEncoding)
        {
            foreach (var part in (value ?? string.Empty).Split(','))
            {
                var pieces = part.Split(';');
                if (pieces[0].Trim().Equals("gzip", StringComparison.OrdinalIgnoreCase)
                    && !pieces.Skip(1).Any(p => p.Replace(" ", string.Empty, StringComparison.Ordinal) is "q=0" or "q=0.0" or "q=0.00" or "q=0.000"))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
