using System.Net;
using Vbrick.Rev.Simulator.Faults;

namespace Vbrick.Rev.Simulator.Tests;

/// <summary>A request held on the simulator's clock is listed, by its correlation id, exactly while it is held.</summary>
public sealed class ClockWaitsTests
{
    [Fact]
    public async Task ADelayedRequest_IsListedUntilTheClockPassesItsDelay()
    {
        await using var tenant = await SimulatorTenant.StartAsync();
        var (simulator, time) = (tenant.Simulator, tenant.Time);
        simulator.Faults.Add(new Fault(FaultTarget.EventStatus, FaultKind.Delay) { Delay = TimeSpan.FromSeconds(30) });
        var listed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        simulator.ClockWaits.Changed += () =>
        {
            if (simulator.ClockWaits.Current.Count > 0)
            {
                listed.TrySetResult();
            }
        };

        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v2/scheduled-events/{SimulatorTenant.LiveId}/status");
        request.Headers.TryAddWithoutValidation(ClockWaits.CorrelationHeader, "probe-1");
        var response = tenant.Http.SendAsync(request, TestContext.Current.CancellationToken);
        await listed.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        Assert.Equal(["probe-1"], simulator.ClockWaits.Current);
        time.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal(["probe-1"], simulator.ClockWaits.Current);
        Assert.False(response.IsCompleted);

        time.Advance(TimeSpan.FromSeconds(1));
        using var answered = await response;

        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        Assert.Empty(simulator.ClockWaits.Current);
    }
}
