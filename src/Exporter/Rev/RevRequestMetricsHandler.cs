using System.Globalization;
using Vbrick.Exporter.Budget;
using Vbrick.Exporter.Metrics;

namespace Vbrick.Exporter.Rev;

/// <summary>Counts and times every HTTP attempt that actually leaves for Rev, retries included.</summary>
internal sealed class RevRequestMetricsHandler(ExporterMetrics metrics, TimeProvider time) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var endpoint = RevRequestTags.EndpointOf(request);
        var started = time.GetTimestamp();
        var code = "network";
        try
        {
            var response = await base.SendAsync(request, cancellationToken);
            code = ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
            if ((int)response.StatusCode == 429)
            {
                metrics.RateLimited.WithLabels(endpoint.Family.Label()).Inc();
            }

            return response;
        }
        catch (OperationCanceledException)
        {
            code = "timeout";
            throw;
        }
        finally
        {
            metrics.RevRequests.WithLabels(endpoint.Name, code).Inc();
            metrics.RevRequestDuration.WithLabels(endpoint.Name).Observe(time.GetElapsedTime(started).TotalSeconds);
        }
    }
}
