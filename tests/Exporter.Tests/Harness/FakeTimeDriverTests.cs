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
}
