using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Vbrick.Exporter.Budget;
using Vbrick.Exporter.Rev;
using Vbrick.Exporter.Sharding;

namespace Vbrick.Exporter.Tests.Budget;

/// <summary>The real-time budget measures its next slot from Rev's answer, the latest moment Rev can have counted the request.</summary>
public sealed class BudgetFromTheWireTests
{
    [Fact]
    public async Task ASlowFirstAnswer_PushesTheNextSlotAFullSlotAfterTheAnswer()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 6, 9, 0, 0, TimeSpan.Zero));
        var budgets = new RevRequestBudgets(new RevRateLimitOptions { RealtimeAttendeesPerMinute = 2 }, new ShardAssignment(Options.Create(new ShardingOptions())), new Vbrick.Exporter.Metrics.ExporterMetrics(Prometheus.Metrics.NewCustomRegistry()).Budget);
        var granted = clock.GetUtcNow();
        Assert.True(budgets.TryAcquire(RequestFamily.RealtimeAttendees, granted));

        // The answer takes 0.4 s (a new connection): Rev may have counted the request as late as that.
        using var handler = new RevRequestMetricsHandler(new NoObserver(), budgets, clock) { InnerHandler = new SlowAnswer(clock, TimeSpan.FromMilliseconds(400)) };
        using var invoker = new HttpMessageInvoker(handler);
        using var request = new HttpRequestMessage(HttpMethod.Post, "http://127.0.0.1/api/v2/scheduled-events/e/real-time/attendees");
        request.Options.Set(RevRequestTags.Endpoint, RevEndpoint.RealtimeAttendees);
        using var response = await invoker.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.False(budgets.TryAcquire(RequestFamily.RealtimeAttendees, granted.AddSeconds(30)));
        Assert.False(budgets.TryAcquire(RequestFamily.RealtimeAttendees, granted.AddMilliseconds(30_390)));
        Assert.True(budgets.TryAcquire(RequestFamily.RealtimeAttendees, granted + TimeSpan.FromMilliseconds(30_400)));
    }

    private sealed class SlowAnswer(FakeTimeProvider clock, TimeSpan latency) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            clock.Advance(latency);
            return Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.OK));
        }
    }

    private sealed class NoObserver : IRevObserver
    {
        public void Attempted(RevEndpoint endpoint, RevAttemptResult result, int statusCode, TimeSpan duration)
        {
        }

        public void Retried(RevEndpoint? endpoint)
        {
        }

        public void SessionObtained(SessionRenewal kind)
        {
        }

        public void AuthenticationFailed(AuthenticationFailure kind)
        {
        }
    }
}
