using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Vbrick.Rev.Simulator.Faults;

namespace Vbrick.Rev.Simulator.Tests;

/// <summary>A request held on the simulator's clock is listed, by its correlation id, exactly while it is held.</summary>
public sealed class ClockWaitsTests
{
    private const string EventId = "11111111-1111-4111-8111-111111111111";
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task ADelayedRequest_IsListedUntilTheClockPassesItsDelay()
    {
        var time = new FakeTimeProvider(Now);
        await using var simulator = new RevSimulator(
            new RevSimulatorOptions { Events = [new SimulatedEvent { Id = EventId, Viewers = 10, Seed = 1, StartsAt = Now.AddMinutes(-5), Duration = TimeSpan.FromHours(1) }] },
            time);
        await simulator.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        using var http = new HttpClient { BaseAddress = simulator.BaseAddress };
        using var signIn = await http.PostAsJsonAsync("/api/v2/authenticate", new { apiKey = simulator.Options.ApiKey, secret = simulator.Options.Secret }, TestContext.Current.CancellationToken);
        var token = (await signIn.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("token").GetString();
        simulator.Faults.Add(new Fault(FaultTarget.EventStatus, FaultKind.Delay) { Delay = TimeSpan.FromSeconds(30) });
        var listed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        simulator.ClockWaits.Changed += () =>
        {
            if (simulator.ClockWaits.Current.Count > 0)
            {
                listed.TrySetResult();
            }
        };

        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v2/scheduled-events/{EventId}/status");
        request.Headers.TryAddWithoutValidation("Authorization", $"VBrick {token}");
        request.Headers.TryAddWithoutValidation(ClockWaits.CorrelationHeader, "probe-1");
        var response = http.SendAsync(request, TestContext.Current.CancellationToken);
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
