using Vbrick.Exporter.Aggregation;
using Vbrick.Exporter.Tests.Support;
using Vbrick.Rev.Simulator;
using static Vbrick.Exporter.Tests.Support.SimulatorScenarios;

namespace Vbrick.Exporter.Tests.Polling;

/// <summary>
/// Live delivery per zone (issue 24): online sessions by multicast / unicast / other from a complete
/// sweep, and which zones support multicast, against the simulator's records and zone list.
/// </summary>
public sealed class DeliveryTests
{
    [Fact]
    public async Task Sweep_CountsEachZonesDeliveryExactly_AndTheZoneListSaysWhereMulticastShouldBe()
    {
        var simulated = LiveEvent(SmallEventId, 450, seed: 71);
        simulated.MulticastFallback = ("New York Office", 0.9);
        await using var harness = await ExporterHarness.StartAsync(new RevSimulatorOptions { RealtimeRequestsPerMinute = 60, Events = [simulated] }, FastLimits());
        await harness.RunForAsync(TimeSpan.FromMinutes(3));
        var scrape = harness.Scrape();

        // One page of 450 records: the last sweep read the audience at the instant it completed.
        var snapshotAt = DateTimeOffset.FromUnixTimeMilliseconds((long)(scrape.Value("vbrick_webcast_sweep_timestamp_seconds")!.Value * 1000));

        var truth = harness.Simulator.Audience(SmallEventId).RecordsAt(snapshotAt).Where(r => r.IsOnline).GroupBy(r => r.Zone ?? "unknown").ToList();
        Assert.True(truth.Count >= 5);
        foreach (var zone in truth)
        {
            // Mapped here by hand, not by the exporter's table: Multicast, HLS, and WebRTC (unmapped).
            Assert.Equal(zone.Count(r => r.StreamType == "Multicast"), scrape.Value("vbrick_webcast_delivery_attendees", ("zone", zone.Key), ("delivery", "multicast")));
            Assert.Equal(zone.Count(r => r.StreamType == "HLS"), scrape.Value("vbrick_webcast_delivery_attendees", ("zone", zone.Key), ("delivery", "unicast")));
            Assert.Equal(zone.Count(r => r.StreamType == "WebRTC"), scrape.Value("vbrick_webcast_delivery_attendees", ("zone", zone.Key), ("delivery", "other")));
            Assert.Equal(zone.Count(r => r.RevConnect), scrape.Value("vbrick_webcast_peer_mesh_attendees", ("zone", zone.Key)));
        }

        // The peer mesh is where the simulator puts it: some office viewers, no one outside one.
        Assert.True(truth.Sum(z => z.Count(r => r.RevConnect)) >= 20, "too few peer-mesh sessions for the comparison to prove anything");
        Assert.Equal(0, scrape.Value("vbrick_webcast_peer_mesh_attendees", ("zone", "VPN")));

        // The falling-back office is mostly unicast, the others mostly multicast.
        var newYork = truth.Single(z => z.Key == "New York Office");
        Assert.True(newYork.Count(r => r.StreamType == "HLS") > 0.8 * newYork.Count());
        Assert.Equal(1, scrape.Value("vbrick_exporter_zone_supports_multicast", ("zone", "New York Office")));
        Assert.Equal(1, scrape.Value("vbrick_exporter_zone_supports_multicast", ("zone", "London HQ")));
        Assert.Equal(0, scrape.Value("vbrick_exporter_zone_supports_multicast", ("zone", "VPN")));
        Assert.Equal(0, scrape.Value("vbrick_exporter_zone_supports_multicast", ("zone", "Default Zone")));
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("false", false)]
    [InlineData("\"TRUE\"", true)]
    [InlineData("\" false \"", false)]
    [InlineData("\"yes\"", null)]
    [InlineData("1", null)]
    [InlineData("null", null)]
    public void RevConnect_ReadsAsAFlag_AndAnythingElseAsMissing(string json, bool? expected)
    {
        var reader = new System.Text.Json.Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(json));
        reader.Read();

        Assert.Equal(expected, Vbrick.Exporter.Rev.JsonFieldDecoder.ReadFlag(ref reader));
    }

    [Theory]
    [InlineData("Multicast", Delivery.Multicast)]
    [InlineData("multicast", Delivery.Multicast)]
    [InlineData("HLS", Delivery.Unicast)]
    [InlineData(" DASH ", Delivery.Unicast)]
    [InlineData("WebRTC", Delivery.Other)]
    [InlineData("unknown", Delivery.Other)]
    [InlineData("", Delivery.Other)]
    public void StreamTypes_MapByTheDocumentedTable_AndNothingElseIsGuessed(string streamType, Delivery expected) =>
        Assert.Equal(expected, DeliveryExtensions.OfStreamType(streamType));

    [Fact]
    public void TheMappingTable_IsInDesignMd_ValueForValue()
    {
        var design = RepositoryFiles.Read("docs/design.md");

        Assert.Contains("| `Multicast` | `multicast` |", design, StringComparison.Ordinal);
        Assert.Contains("| `HLS`, `DASH`, `Unicast` | `unicast` |", design, StringComparison.Ordinal);
        Assert.Contains("| anything else (`WebRTC`, none, a new value) | `other` |", design, StringComparison.Ordinal);
    }
}
