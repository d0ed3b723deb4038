using Vbrick.Exporter.Polling;
using Vbrick.Exporter.Tests.Support;
using Vbrick.Rev.Simulator;
using static Vbrick.Exporter.Tests.Support.SimulatorScenarios;

namespace Vbrick.Exporter.Tests.Polling;

public sealed class ReadinessTests
{
    [Fact]
    public async Task Ready_NoEventsConfigured_IsReadyAtOnce()
    {
        await using var harness = await ExporterHarness.StartAsync(new RevSimulatorOptions());

        await harness.RunForAsync(TimeSpan.FromSeconds(1));

        Assert.True(harness.Get<ReadinessState>().IsReady);
    }

    [Fact]
    public async Task Ready_OnlyAfterTheFirstSuccessfulRequest()
    {
        await using var harness = await ExporterHarness.StartAsync(OneEvent(100));
        harness.Simulator.RevokeAllTokens();
        harness.Simulator.Faults.Add(Vbrick.Rev.Simulator.Faults.Fault.Http(Vbrick.Rev.Simulator.Faults.FaultTarget.Authenticate, 503));

        await harness.RunForAsync(TimeSpan.FromSeconds(1));
        var before = harness.Get<ReadinessState>().IsReady;
        await harness.RunForAsync(TimeSpan.FromMinutes(2));

        Assert.False(before);
        Assert.True(harness.Get<ReadinessState>().IsReady);
    }

    [Fact]
    public async Task LoopThatStopsCompletingIterations_IsNotReady_AndItsHeartbeatSaysSince()
    {
        await using var harness = await ExporterHarness.StartAsync(OneEvent(100));
        await harness.RunForAsync(TimeSpan.FromMinutes(2));
        var readiness = harness.Get<ReadinessState>();
        Assert.True(readiness.IsReady);
        var beat = harness.Scrape().Value("vbrick_exporter_loop_heartbeat_timestamp_seconds")!.Value;
        Assert.InRange(harness.Time.GetUtcNow().ToUnixTimeSeconds() - beat, 0, 60);

        // Nothing runs the loop for six minutes: a stuck iteration looks like this from outside.
        harness.Time.Advance(TimeSpan.FromMinutes(6));

        Assert.False(readiness.IsReady);
        Assert.Contains("polling loop", readiness.NotReadyReason, StringComparison.Ordinal);
        await harness.RunForAsync(TimeSpan.FromSeconds(1));
        Assert.True(readiness.IsReady);
    }
}
