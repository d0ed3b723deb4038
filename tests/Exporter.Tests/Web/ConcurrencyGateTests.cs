using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Vbrick.Exporter.Metrics;
using Vbrick.Exporter.Web;

namespace Vbrick.Exporter.Tests.Web;

public sealed class ConcurrencyGateTests
{
    [Fact]
    public async Task PastTheLimit_OpenPathsAre503WithRetryAfter_WhileMetricsIsServed_AndAFreedSlotServesAgain()
    {
        var metrics = new ExporterMetrics(Prometheus.Metrics.NewCustomRegistry());
        var held = new TaskCompletionSource();
        var served = new List<string>();
        using var gate = new ConcurrencyGate(
            async context =>
            {
                lock (served)
                {
                    served.Add(context.Request.Path);
                }

                if (context.Request.Path == "/slow")
                {
                    await held.Task;
                }
            },
            Options.Create(new WebOptions { ConcurrencyLimit = 2 }),
            metrics);

        var first = gate.InvokeAsync(Request("/slow"));
        var second = gate.InvokeAsync(Request("/slow"));
        var refused = Request("/healthz");
        await gate.InvokeAsync(refused);
        var scrape = Request("/metrics");
        await gate.InvokeAsync(scrape);

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, refused.Response.StatusCode);
        Assert.Equal("1", refused.Response.Headers.RetryAfter.ToString());
        Assert.Equal(StatusCodes.Status200OK, scrape.Response.StatusCode);
        Assert.Equal(1, metrics.Service.RequestsOverConcurrencyLimit);

        held.SetResult();
        await Task.WhenAll(first, second);
        var after = Request("/healthz");
        await gate.InvokeAsync(after);

        Assert.Equal(StatusCodes.Status200OK, after.Response.StatusCode);
        Assert.Equal(["/slow", "/slow", "/metrics", "/healthz"], served);
    }

    [Fact]
    public async Task ZeroTurnsTheLimitOff()
    {
        var metrics = new ExporterMetrics(Prometheus.Metrics.NewCustomRegistry());
        var held = new TaskCompletionSource();
        using var gate = new ConcurrencyGate(_ => held.Task, Options.Create(new WebOptions { ConcurrencyLimit = 0 }), metrics);

        var pending = Enumerable.Range(0, 100).Select(_ => gate.InvokeAsync(Request("/healthz"))).ToList();
        held.SetResult();
        await Task.WhenAll(pending);

        Assert.Equal(0, metrics.Service.RequestsOverConcurrencyLimit);
    }

    private static DefaultHttpContext Request(string path)
    {
        var context = new DefaultHttpContext();
        context.Request.Path = path;
        return context;
    }
}
