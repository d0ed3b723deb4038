using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Vbrick.Exporter.Budget;
using Vbrick.Exporter.Metrics;
using Vbrick.Exporter.Sharding;

namespace Vbrick.Exporter.Tests.Budget;

public sealed class ClockWaitTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(0, 1)]
    [InlineData(-5, 1)]
    [InlineData(0.4, 1)]
    [InlineData(1, 1)]
    [InlineData(1.2, 2)]
    [InlineData(8_571.43, 8_572)]
    public void RoundUp_NeverWaitsLessThanAskedNorLessThanOneMillisecond(double milliseconds, double expected) =>
        Assert.Equal(TimeSpan.FromMilliseconds(expected), ClockWait.RoundUp(TimeSpan.FromMilliseconds(milliseconds)));

    /// <summary>
    /// Seven POSTs a minute space slots 8,571.43 ms apart. Asked 0.43 ms before the slot, a
    /// truncated Task.Delay waited 0 ms and the loop spun on the clock forever; now it waits 1 ms.
    /// </summary>
    [Fact(Timeout = 30_000)]
    public async Task WaitForSlot_SlotOpensWithinAMillisecond_WaitsOnTheClockInsteadOfSpinning()
    {
        var limits = new RevRateLimitOptions { PostPerMinute = 7 };
        var budgets = new RevRequestBudgets(limits, new ShardAssignment(Options.Create(new ShardingOptions())), new ExporterMetrics(Prometheus.Metrics.NewCustomRegistry()).Budget);
        var clock = new FakeTimeProvider(T0);
        Assert.True(budgets.TryAcquire(RequestFamily.Post, clock.GetUtcNow()));
        clock.Advance(TimeSpan.FromMilliseconds(8_571));
        Assert.InRange((budgets[RequestFamily.Post].NextAllowedAt - clock.GetUtcNow()).TotalMilliseconds, 0.1, 0.9);

        var waiting = budgets.WaitForSlotAsync(RequestFamily.Post, clock, TestContext.Current.CancellationToken);
        Assert.False(waiting.IsCompleted);

        clock.Advance(TimeSpan.FromMilliseconds(1));
        await waiting;
        Assert.False(budgets.TryAcquire(RequestFamily.Post, clock.GetUtcNow()));
    }
}
