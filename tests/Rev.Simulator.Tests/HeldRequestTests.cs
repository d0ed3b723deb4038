using System.Net;
using Microsoft.AspNetCore.Http;
using Vbrick.Rev.Simulator.Faults;

namespace Vbrick.Rev.Simulator.Tests;

/// <summary>An injected delay holds a request on the simulator's clock: to the tick, and never past the simulator's stop.</summary>
public sealed class HeldRequestTests
{
    [Fact]
    public async Task ADelayedRequest_IsAnsweredExactlyWhenTheClockPassesItsDelay()
    {
        var hold = new SignallingHold();
        await using var tenant = await SimulatorTenant.StartAsync(hold: hold);
        tenant.Simulator.Faults.Add(new Fault(FaultTarget.EventStatus, FaultKind.Delay) { Delay = TimeSpan.FromSeconds(30) });

        var response = tenant.Http.GetAsync($"/api/v2/scheduled-events/{SimulatorTenant.LiveId}/status", TestContext.Current.CancellationToken);
        await hold.Started.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        tenant.Time.Advance(TimeSpan.FromSeconds(29));
        await Task.Yield();
        Assert.False(response.IsCompleted);

        tenant.Time.Advance(TimeSpan.FromSeconds(1));
        using var answered = await response.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
    }

    [Fact]
    public async Task AStoppingSimulator_LetsItsHeldRequestsGo_AndStopsAtOnce()
    {
        var hold = new SignallingHold();
        await using var tenant = await SimulatorTenant.StartAsync(hold: hold);
        tenant.Simulator.Faults.Add(new Fault(FaultTarget.EventStatus, FaultKind.Delay) { Delay = TimeSpan.FromHours(1) });

        var response = tenant.Http.GetAsync($"/api/v2/scheduled-events/{SimulatorTenant.LiveId}/status", TestContext.Current.CancellationToken);
        await hold.Started.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        // The clock never moves: only the stop can end the hold.
        await tenant.Simulator.StopAsync().WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => hold.Ended.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken));
        try
        {
            using var _ = await response.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        }
        catch (HttpRequestException)
        {
            // The connection closed under it: what a stopped Rev does.
        }
    }

    /// <summary>The shipped hold's delay, with signals a test can wait on instead of polling.</summary>
    private sealed class SignallingHold : IRequestHold
    {
        private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Started => _started.Task;

        /// <summary>Completes when the hold ends; cancelled when it was cut short.</summary>
        public Task Ended => _ended.Task;

        public async Task HoldAsync(HttpRequest request, TimeSpan delay, TimeProvider time, CancellationToken cancellationToken)
        {
            var sleeping = Task.Delay(delay, time, cancellationToken);
            _started.TrySetResult();
            try
            {
                await sleeping;
                _ended.TrySetResult();
            }
            catch (OperationCanceledException)
            {
                _ended.TrySetCanceled(cancellationToken);
                throw;
            }
        }
    }
}
