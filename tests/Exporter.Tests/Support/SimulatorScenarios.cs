using Vbrick.Rev.Simulator;

namespace Vbrick.Exporter.Tests.Support;

/// <summary>Simulated tenants the tests share; events start before <see cref="ExporterHarness.Epoch"/> so they are live.</summary>
public static class SimulatorScenarios
{
    public const string SmallEventId = "11111111-1111-4111-8111-111111111111";
    public const string LargeEventId = "22222222-2222-4222-8222-222222222222";
    public const string ThirdEventId = "33333333-3333-4333-8333-333333333333";

    public static SimulatedEvent LiveEvent(string id, int viewers, int seed = 3, RebufferSpike? spike = null) => new()
    {
        Id = id,
        Title = $"Town hall {seed}",
        Viewers = viewers,
        Seed = seed,
        StartsAt = ExporterHarness.Epoch - TimeSpan.FromMinutes(30),
        Duration = TimeSpan.FromHours(4),
        Spike = spike,
    };

    public static RevSimulatorOptions OneEvent(int viewers, double? limitPerMinute = 2) => new()
    {
        RealtimeRequestsPerMinute = limitPerMinute,
        Events = [LiveEvent(SmallEventId, viewers)],
    };
}
