using System.Globalization;
using Prometheus;
using Vbrick.Exporter.Metrics;
using Vbrick.Exporter.Telemetry;
using Vbrick.Exporter.Tests.Support;
using Vbrick.Rev.Simulator;
using static Vbrick.Exporter.Tests.Support.SimulatorScenarios;

namespace Vbrick.Exporter.Tests.Telemetry;

/// <summary>
/// OTLP carries the same model as <c>/metrics</c>: every series of a scrape arrives at a loopback
/// collector with the same name, type, unit, labels and value, and nothing else does.
/// </summary>
public sealed class OtlpExportTests
{
    private static readonly TimeSpan PushTimeout = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData("http/protobuf")]
    [InlineData("grpc")]
    public async Task Push_CarriesEveryMetricOfTheScrape_WithEqualValues(string protocol)
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        await using var harness = await StartAsync(receiver, protocol, EndingTenant());
        await harness.RunForAsync(TimeSpan.FromMinutes(6));

        // The push counts its own outcome after its snapshot, so the scrape to compare comes first.
        var scrape = harness.Scrape();
        var push = await PushAsync(harness, receiver);

        Assert.Contains(scrape.Samples, s => s.Name == "vbrick_webcast_post_event_viewing_duration_seconds_count");
        Assert.Contains(scrape.Samples, s => s.Name == "vbrick_webcast_attendee_bitrate_bytes_per_second_count" && s.Labels["event_id"] == SmallEventId);
        AssertSameModel(harness.Get<ExporterMetrics>(), scrape, push);
        var resource = push[0].Resource;
        Assert.Equal("vbrick-rev-exporter", resource["service.name"]);
        Assert.Equal("replica-7", resource["service.instance.id"]);
        Assert.Equal(0L, resource["vbrick.shard.index"]);
        Assert.Equal(1L, resource["vbrick.shard.replicas"]);
    }

    // Several complete simulated events (5 to 20 s of CPU): the slow tier, so the fast one stays under two minutes.
    [Trait(Tier.Name, Tier.Slow)]
    [Fact]
    public async Task ForgottenEvent_DisappearsFromOtlpToo_HistogramsIncluded()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        await using var harness = await StartAsync(receiver, "http/protobuf", EndingTenant());
        await harness.RunForAsync(TimeSpan.FromMinutes(6));
        var before = await PushAsync(harness, receiver);
        Assert.Contains(before, p => p.Attributes.TryGetValue("event_id", out var id) && (string)id == LargeEventId && p.Type == OtlpType.Histogram);

        await harness.RunForAsync(TimeSpan.FromMinutes(15));
        await PushAsync(harness, receiver);
        var scrape = harness.Scrape();
        var after = await PushAsync(harness, receiver);

        Assert.DoesNotContain(scrape.Samples, s => s.Labels.TryGetValue("event_id", out var id) && id == LargeEventId);
        Assert.DoesNotContain(after, p => p.Attributes.TryGetValue("event_id", out var id) && (string)id == LargeEventId);
        Assert.Contains(after, p => p.Attributes.TryGetValue("event_id", out var id) && (string)id == SmallEventId);
        AssertSameModel(harness.Get<ExporterMetrics>(), scrape, after);
    }

    [Fact]
    public async Task StalledCollector_NeverDelaysPollingOrScrapes()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        await using var harness = await StartAsync(receiver, "http/protobuf", EndingTenant(), ("Otlp:ExportTimeout", "00:00:20"));
        await harness.RunForAsync(TimeSpan.FromMinutes(1));
        var metrics = harness.Get<ExporterMetrics>();
        var sweepsBefore = harness.Scrape().Value("vbrick_webcast_sweeps_total", ("outcome", "completed"));

        receiver.Stall = true;
        var push = Task.Run(() => harness.Get<OtlpExportService>().ForceFlush(30_000));
        await receiver.WaitForPushAsync(PushTimeout);
        await Eventually.UntilAsync(() => receiver.Stalled > 0, PushTimeout, "the push to hang inside the collector");

        // The push is now hanging inside the collector; polling and scrapes must carry on. Were
        // either to wait for it, the driven clock would stop and the run would fail as stalled.
        await harness.RunForAsync(TimeSpan.FromMinutes(2));
        var scrape = harness.Scrape();

        Assert.False(push.IsCompleted, "the push should still be hanging");
        Assert.True(scrape.Value("vbrick_webcast_sweeps_total", ("outcome", "completed")) > sweepsBefore);
        Assert.False(metrics.PublicationGate.IsHeld, "the hanging push must not hold the publication gate");
        receiver.Unstall();
        Assert.True(await push);
    }

    [Fact]
    public async Task DownCollector_CountsFailedPushes_AndScrapesCarryOn()
    {
        var closedPort = ExporterProcess.FreePort();
        var settings = new Dictionary<string, string?>
        {
            ["Otlp:Endpoint"] = $"http://127.0.0.1:{closedPort}",
            ["Otlp:Protocol"] = "http/protobuf",
            ["Otlp:ExportTimeout"] = "00:00:02",
        };
        await using var harness = await ExporterHarness.StartAsync(OneEvent(200, limitPerMinute: 60), settings);
        await harness.Get<OtlpExportService>().StartAsync(CancellationToken.None);
        await harness.RunForAsync(TimeSpan.FromMinutes(1));

        var pushed = harness.Get<OtlpExportService>().ForceFlush(10_000);
        await harness.RunForAsync(TimeSpan.FromMinutes(1));
        var scrape = harness.Scrape();

        Assert.False(pushed);
        Assert.True(scrape.Value("vbrick_exporter_otlp_exports_total", ("outcome", "failure")) >= 1);
        Assert.Equal(0, scrape.Value("vbrick_exporter_otlp_exports_total", ("outcome", "success")));
        Assert.True(scrape.Value("vbrick_webcast_sweeps_total", ("outcome", "completed")) >= 2);
        await harness.Get<OtlpExportService>().StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task AttributeSetsBeyondOpenTelemetrysDefaultCap_AllArrive()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        await using var harness = await StartAsync(receiver, "http/protobuf", new RevSimulatorOptions(), ("Otlp:MaxSeriesPerMetric", "3000"));
        var metrics = harness.Get<ExporterMetrics>();
        using (metrics.Exclusive())
        {
            for (var i = 0; i < 2_500; i++)
            {
                metrics.Attendees.WithLabels(SmallEventId, "zone-" + i.ToString(CultureInfo.InvariantCulture), "hls", "Chrome", "online").Set(i);
            }
        }

        var push = await PushAsync(harness, receiver);

        var attendees = push.Where(p => p.Name == "vbrick_webcast_attendees").ToList();
        Assert.Equal(2_500, attendees.Count);
        Assert.DoesNotContain(push, p => p.Attributes.ContainsKey("otel.metric.overflow"));
    }

    [Fact]
    public async Task NoMetricIsDefinedTwice_AndTheDefaultRegistryNeverSeesTheBridge()
    {
        var metrics = new ExporterMetrics(Prometheus.Metrics.NewCustomRegistry());
        using var bridge = new OtlpMetricBridge(metrics);
        metrics.HistogramMirror = bridge;
        metrics.Bitrate.WithLabels(SmallEventId, "z", "hls", "Chrome").Observe(100_000);

        var names = metrics.All.Select(c => c.Name).ToList();
        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
        using var stream = new MemoryStream();
        await Prometheus.Metrics.DefaultRegistry.CollectAndExportAsTextAsync(stream, TestContext.Current.CancellationToken);
        Assert.DoesNotContain("vbrick_", System.Text.Encoding.UTF8.GetString(stream.ToArray()), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("vbrick_webcast_attendee_bitrate_bytes_per_second", "By/s")]
    [InlineData("vbrick_webcast_buffering_seconds_total", "s")]
    [InlineData("vbrick_webcast_sweep_coverage_ratio", "1")]
    [InlineData("process_resident_memory_bytes", "By")]
    [InlineData("vbrick_exporter_budget_limit_per_minute", "{request}/min")]
    [InlineData("vbrick_webcast_attendees", "")]
    public void Units_FollowThePrometheusNameSuffix(string name, string unit) => Assert.Equal(unit, OtlpUnits.For(name));

    internal static async Task<ExporterHarness> StartAsync(OtlpReceiver receiver, string protocol, RevSimulatorOptions tenant, params (string Key, string Value)[] extra)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Otlp:Endpoint"] = (protocol == "grpc" ? receiver.GrpcEndpoint : receiver.HttpEndpoint).ToString(),
            ["Otlp:Protocol"] = protocol,
            ["Otlp:ServiceInstanceId"] = "replica-7",
            ["Otlp:ExportInterval"] = "01:00:00",
            ["Rev:RateLimits:RealtimeAttendeesPerMinute"] = "60",
            ["Polling:Interval"] = "00:00:05",
            ["PostEvent:SettleDelay"] = "00:01:00",
            ["PostEvent:Retention"] = "00:10:00",
        };
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        var harness = await ExporterHarness.StartAsync(tenant, settings);
        await harness.Get<OtlpExportService>().StartAsync(CancellationToken.None);
        return harness;
    }

    internal static async Task<List<OtlpPoint>> PushAsync(ExporterHarness harness, OtlpReceiver receiver)
    {
        var count = receiver.Pushes.Count;
        Assert.True(await Task.Run(() => harness.Get<OtlpExportService>().ForceFlush(30_000)));
        await receiver.WaitForPushAsync(PushTimeout);
        return receiver.Pushes[count];
    }

    /// <summary>A live event and one that ends two minutes in, so post-event series and histograms exist too.</summary>
    private static RevSimulatorOptions EndingTenant()
    {
        var ending = LiveEvent(LargeEventId, 700, seed: 31);
        ending.Duration = (ExporterHarness.Epoch - ending.StartsAt) + TimeSpan.FromMinutes(2);
        return new RevSimulatorOptions { RealtimeRequestsPerMinute = 60, Events = [LiveEvent(SmallEventId, 600, seed: 30), ending] };
    }

    internal static void AssertSameModel(ExporterMetrics metrics, Scrape scrape, IReadOnlyList<OtlpPoint> push)
    {
        var collectors = metrics.All.ToDictionary(c => c.Name, StringComparer.Ordinal);
        var points = push.ToDictionary(p => p.Key, StringComparer.Ordinal);
        var expected = 0;

        foreach (var sample in scrape.Samples)
        {
            if (collectors.TryGetValue(sample.Name, out var collector))
            {
                expected++;
                var key = sample.Key;
                Assert.True(points.TryGetValue(key, out var point), "missing from OTLP: " + key);
                Assert.Equal(collector is Gauge ? OtlpType.Gauge : OtlpType.Sum, point.Type);
                AssertDescribed(collector, point);
                if (point.Type == OtlpType.Sum)
                {
                    Assert.True(point.Monotonic && point.Temporality == 2, key + " should be a cumulative monotonic sum");
                }

                // Process figures are read afresh by each render; the rest must match exactly.
                if (!sample.Name.StartsWith("process_", StringComparison.Ordinal) && !sample.Name.StartsWith("dotnet_", StringComparison.Ordinal))
                {
                    Assert.True(sample.Value == point.Value, $"{key}: scrape {sample.Value}, OTLP {point.Value}");
                }
            }
        }

        foreach (var histogram in metrics.Histograms)
        {
            var series = scrape.Samples.Where(s => s.Name == histogram.Name + "_count").ToList();
            foreach (var count in series)
            {
                expected++;
                var key = (count with { Name = histogram.Name }).Key;
                Assert.True(points.TryGetValue(key, out var point), "missing from OTLP: " + key);
                Assert.Equal(OtlpType.Histogram, point.Type);
                Assert.Equal(2, point.Temporality);
                AssertDescribed(histogram.Prometheus, point);
                Assert.Equal((ulong)count.Value, point.Count);
                var labels = count.Labels.Select(l => (l.Key, l.Value)).ToArray();
                Assert.Equal(scrape.Value(histogram.Name + "_sum", labels)!.Value, point.Sum, 6);
                Assert.Equal(histogram.Buckets, point.Bounds);
                var cumulative = 0UL;
                for (var i = 0; i < point.Bounds.Count; i++)
                {
                    cumulative += point.BucketCounts[i];
                    var le = point.Bounds[i].ToString(CultureInfo.InvariantCulture);
                    Assert.Equal(scrape.Value(histogram.Name + "_bucket", [.. labels, ("le", le)]), cumulative);
                }
            }
        }

        Assert.Equal(expected, push.Count);
    }

    private static void AssertDescribed(Collector collector, OtlpPoint point)
    {
        Assert.Equal(collector.Help, point.Description);
        Assert.Equal(OtlpUnits.For(collector.Name), point.Unit);
    }
}
