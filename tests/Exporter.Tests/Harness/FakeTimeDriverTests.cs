using Polly;
using Polly.Retry;
using Vbrick.Exporter.Rev;
using Vbrick.Exporter.Tests.Support;
using Vbrick.Rev.Simulator.Faults;
using static Vbrick.Exporter.Tests.Support.SimulatorScenarios;

namespace Vbrick.Exporter.Tests.Harness;

/// <summary>
/// The scenario tests trust the harness's clock driver: it must move fake time exactly as far as the
/// next wait, and never while a request is still on the wire, however long the wire takes.
/// </summary>
public sealed class FakeTimeDriverTests
{
    [Fact]
    public async Task AWaitOnTheClock_IsMovedToExactlyItsEnd()
    {
        await using var harness = await ExporterHarness.StartAsync(OneEvent(10));
        var start = harness.Time.GetUtcNow();

        await harness.DriveAsync(Task.Delay(TimeSpan.FromMinutes(10), harness.Time, TestContext.Current.CancellationToken));

        Assert.Equal(TimeSpan.FromMinutes(10), harness.Time.GetUtcNow() - start);
    }

    [Fact]
    public async Task ARequestTheSimulatorHoldsOnItsClock_EndsExactlyWhenTheHoldDoes()
    {
        await using var harness = await ExporterHarness.StartAsync(OneEvent(10), new Dictionary<string, string?> { ["Rev:RequestTimeout"] = "00:05:00" });
        var client = harness.Get<RevClient>();
        await harness.DriveAsync(client.GetEventStatusAsync(SmallEventId, TestContext.Current.CancellationToken));
        harness.Simulator.Faults.Add(new Fault(FaultTarget.EventStatus, FaultKind.Delay) { Delay = TimeSpan.FromSeconds(90) });
        var start = harness.Time.GetUtcNow();

        var status = await harness.DriveAsync(client.GetEventStatusAsync(SmallEventId, TestContext.Current.CancellationToken));

        Assert.Equal(TimeSpan.FromSeconds(90), harness.Time.GetUtcNow() - start);
        Assert.False(string.IsNullOrEmpty(status.RawStatus));
    }

    [Fact]
    public async Task ALongBodyOnTheWire_IsNeverMistakenForAWait_ItsDeadlinesStayPending()
    {
        await using var harness = await ExporterHarness.StartAsync(OneEvent(10), new Dictionary<string, string?> { ["Rev:MaxResponseBytes"] = "67108864" });
        var client = harness.Get<RevClient>();
        await harness.DriveAsync(client.GetEventStatusAsync(SmallEventId, TestContext.Current.CancellationToken));
        harness.Simulator.Faults.Add(new Fault(FaultTarget.PollResults, FaultKind.HugeBody) { Size = 40L * 1024 * 1024 });
        var start = harness.Time.GetUtcNow();

        // 40 MB through loopback and a JSON parse take real time, with the call's deadlines pending
        // all along; then a minute's wait. Only the wait may move the clock.
        var readAt = await harness.DriveAsync(ReadThenWaitAsync());

        Assert.Equal(start, readAt);
        Assert.Equal(TimeSpan.FromMinutes(1), harness.Time.GetUtcNow() - start);
        Assert.Equal(0, harness.Simulator.Faults.Pending);

        async Task<DateTimeOffset> ReadThenWaitAsync()
        {
            await client.GetPollResultsAsync(SmallEventId, 0, TestContext.Current.CancellationToken);
            var at = harness.Time.GetUtcNow();
            await Task.Delay(TimeSpan.FromMinutes(1), harness.Time, TestContext.Current.CancellationToken);
            return at;
        }
    }

    /// <summary>
    /// The driver tells a deadline (a timer guarding other work, which must not count as "waiting")
    /// from a wait by the timer's state: .NET arms a <see cref="CancellationTokenSource"/>'s timer with
    /// the source itself. That is an implementation detail, so it is pinned here for every kind of
    /// timer the exporter makes: if .NET changes it, this fails by name instead of scenarios hanging.
    /// </summary>
    [Fact]
    public async Task TheClock_TellsDeadlinesFromWaits_ForEveryTimerTheExporterMakes()
    {
        var clock = new DrivenClock(ExporterHarness.Epoch);
        var cancel = TestContext.Current.CancellationToken;

        // RevDeadline and BcryptGate: a source cancelled after a delay.
        using (new CancellationTokenSource(TimeSpan.FromSeconds(30), clock))
        {
            Assert.StartsWith("deadline", clock.Describe(), StringComparison.Ordinal);
            Assert.False(clock.HasPendingWait);
        }

        Assert.Equal("no timers", clock.Describe());

        // The resilience pipeline's attempt and total timeouts.
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var guarded = new ResiliencePipelineBuilder { TimeProvider = clock }.AddTimeout(TimeSpan.FromSeconds(10)).Build();
        var running = guarded.ExecuteAsync(async token => await release.Task.WaitAsync(token), cancel).AsTask();
        Assert.StartsWith("deadline", clock.Describe(), StringComparison.Ordinal);
        Assert.False(clock.HasPendingWait);
        release.SetResult();
        await running;

        // Task.Delay, as the poller's waits are made.
        var delay = Task.Delay(TimeSpan.FromSeconds(5), clock, cancel);
        Assert.True(clock.HasPendingWait);
        clock.Advance(TimeSpan.FromSeconds(5));
        await delay;
        Assert.False(clock.HasPendingWait);

        // A retry's back-off.
        var attempts = 0;
        var retrying = new ResiliencePipelineBuilder { TimeProvider = clock }
            .AddRetry(new RetryStrategyOptions { MaxRetryAttempts = 1, Delay = TimeSpan.FromSeconds(2), BackoffType = DelayBackoffType.Constant, UseJitter = false })
            .Build();
        var retried = retrying.ExecuteAsync(_ => ++attempts == 1 ? throw new InvalidOperationException("first attempt fails") : ValueTask.CompletedTask, cancel).AsTask();
        Assert.True(clock.HasPendingWait);
        clock.Advance(TimeSpan.FromSeconds(2));
        await retried;
        Assert.Equal(2, attempts);
    }
}
