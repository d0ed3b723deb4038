namespace Vbrick.Exporter.Rev;

/// <summary>Reports every HTTP attempt that actually leaves for Rev, retries included.</summary>
internal sealed class RevRequestMetricsHandler(IRevObserver observer, TimeProvider time) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var endpoint = RevRequestTags.EndpointOf(request);
        var started = time.GetTimestamp();
        var result = RevAttemptResult.Network;
        var status = 0;
        try
        {
            var response = await base.SendAsync(request, cancellationToken);
            (result, status) = (RevAttemptResult.Answered, (int)response.StatusCode);
            return response;
        }
        catch (OperationCanceledException)
        {
            result = RevAttemptResult.Timeout;
            throw;
        }
        finally
        {
            observer.Attempted(endpoint, result, status, time.GetElapsedTime(started));
        }
    }
}
