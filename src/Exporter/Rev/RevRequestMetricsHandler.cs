using Vbrick.Exporter.Budget;

namespace Vbrick.Exporter.Rev;

/// <summary>
/// Reports every HTTP attempt that actually leaves for Rev, retries included, and tells the
/// real-time budget when Rev answered: Rev counts a request when it arrives, at the latest by its
/// answer, so the next slot is measured from there. One that waited for a sign-in after its grant,
/// or for a new connection (the demo's first request took long enough for its third to arrive
/// 59.9 s after it, and Rev refused it), never pulls the next one closer than a slot.
/// </summary>
internal sealed class RevRequestMetricsHandler(IRevObserver observer, RevRequestBudgets budgets, TimeProvider time) : DelegatingHandler
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
            if (endpoint.Family == RequestFamily.RealtimeAttendees)
            {
                budgets[endpoint.Family].Answered(time.GetUtcNow());
            }

            observer.Attempted(endpoint, result, status, time.GetElapsedTime(started));
        }
    }
}
