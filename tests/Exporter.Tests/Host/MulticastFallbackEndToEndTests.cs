using Vbrick.Exporter.Tests.Support;

namespace Vbrick.Exporter.Tests.Host;

/// <summary>
/// The classic eCDN failure, end to end: one multicast-capable office of the demo's kick-off falls
/// back to unicast, and the shipped rules, evaluated by a real Prometheus, raise
/// <c>VbrickWebcastUnicastInMulticastZone</c> for that office in Alertmanager, and nothing else.
/// (<see cref="AlertingEndToEndTests"/> runs the demo without the fallback: there it stays silent.)
/// A separate class, so it runs beside that test, not after it.
/// </summary>
// One at a time: side by side on 2 cores the real-rate demo missed its 9-minute alert deadline.
[Collection("AlertingStack")]
[Trait(Tier.Name, Tier.Slow)]
public sealed class MulticastFallbackEndToEndTests
{
    // The kick-off's first complete sweep (seconds at 30 requests a minute), then `for: 5m` and
    // Prometheus' 1-minute evaluation; the margin is for a loaded CI machine.
    private static readonly TimeSpan AlertDeadline = TimeSpan.FromMinutes(10);

    [Fact]
    public async Task OfficeFallingBackToUnicast_RaisesTheAlertForThatOfficeOnly()
    {
        // The faster demo: this test is about the alert's path, not Rev's rate, and its rebuffering
        // spike is moved past the test.
        await using var stack = await AlertingStack.StartAsync(
            "--Demo:RealtimeRequestsPerMinute=30", "--Demo:SpikeStartsAfterMinutes=600", "--Demo:MulticastFallbackZone=New York Office");

        var firing = await stack.WaitForAlertmanagerAlertsAsync(AlertDeadline);

        var alert = Assert.Single(firing);
        Assert.Equal("VbrickWebcastUnicastInMulticastZone", alert["labels"]!["alertname"]!.GetValue<string>());
        Assert.Equal("New York Office", alert["labels"]!["zone"]!.GetValue<string>());
        Assert.Equal("EMEA sales kick-off", alert["labels"]!["title"]!.GetValue<string>());
        Assert.StartsWith("http://localhost:3000/d/vbrick-zone-drilldown/?var-event=", alert["annotations"]!["dashboard_url"]!.GetValue<string>(), StringComparison.Ordinal);

        // The other offices keep most viewers on multicast: nothing else is even pending.
        var others = await stack.QueryAsync("ALERTS{zone!=\"New York Office\"}");
        Assert.True(others is { Count: 0 }, "other alerts: " + others?.ToJsonString());
    }
}
