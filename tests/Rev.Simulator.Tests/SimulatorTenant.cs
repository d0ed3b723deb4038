using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;

namespace Vbrick.Rev.Simulator.Tests;

/// <summary>
/// A simulator on loopback and fake time with a signed-in client: by default one live and one
/// ended webcast; <c>configure</c> changes the options (events included) before it starts.
/// </summary>
internal sealed class SimulatorTenant : IAsyncDisposable
{
    public const string LiveId = "11111111-1111-4111-8111-111111111111";
    public const string EndedId = "22222222-2222-4222-8222-222222222222";
    public static readonly DateTimeOffset Now = new(2026, 11, 28, 10, 0, 0, TimeSpan.Zero);

    private SimulatorTenant(RevSimulator simulator, FakeTimeProvider time, HttpClient http)
    {
        Simulator = simulator;
        Time = time;
        Http = http;
    }

    public RevSimulator Simulator { get; }

    public FakeTimeProvider Time { get; }

    /// <summary>Sends Rev's authorization header with every request.</summary>
    public HttpClient Http { get; }

    public static async Task<SimulatorTenant> StartAsync(Action<RevSimulatorOptions>? configure = null, IRequestHold? hold = null)
    {
        var time = new FakeTimeProvider(Now);
        var options = new RevSimulatorOptions
        {
            Events =
            [
                new SimulatedEvent { Id = LiveId, Viewers = 50, Seed = 1, StartsAt = Now.AddMinutes(-30), Duration = TimeSpan.FromHours(2) },
                new SimulatedEvent { Id = EndedId, Viewers = 50, Seed = 2, StartsAt = Now.AddHours(-3), Duration = TimeSpan.FromHours(1) },
            ],
        };
        configure?.Invoke(options);
        var simulator = new RevSimulator(options, time, hold);
        await simulator.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        var http = new HttpClient { BaseAddress = simulator.BaseAddress };
        using var signIn = await http.PostAsJsonAsync("/api/v2/authenticate", new { apiKey = options.ApiKey, secret = options.Secret }, TestContext.Current.CancellationToken);
        var token = (await signIn.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("token").GetString();
        http.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", $"VBrick {token}");
        return new SimulatorTenant(simulator, time, http);
    }

    /// <summary>A real-time attendee request for the live webcast.</summary>
    public Task<HttpResponseMessage> PostRealtimeAsync(object body) =>
        Http.PostAsJsonAsync($"/api/v2/scheduled-events/{LiveId}/real-time/attendees", body, TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Simulator.DisposeAsync();
    }
}
