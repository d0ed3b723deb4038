using BenchmarkDotNet.Attributes;
using Vbrick.Exporter.Metrics;

namespace Vbrick.Exporter.Benchmarks;

/// <summary>One <c>/metrics</c> scrape of the exporter's registry holding 10,000 or 100,000 series.</summary>
[MemoryDiagnoser]
public class MetricsRenderingBenchmarks
{
    private ExporterMetrics _metrics = null!;

    [Params(10_000, 100_000)]
    public int Series { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _metrics = new ExporterMetrics(Prometheus.Metrics.NewCustomRegistry());
        var created = 0;
        for (var e = 0; created < Series; e++)
        {
            var eventId = Guid.CreateVersion7().ToString("D");
            for (var zone = 0; zone < 50 && created < Series; zone++)
            {
                for (var browser = 0; browser < 5 && created < Series; browser++, created++)
                {
                    _metrics.Attendees.WithLabels(eventId, "Zone " + zone, "HLS", "Browser " + browser, "online").Set(zone + browser);
                }
            }
        }
    }

    [Benchmark]
    public async Task RenderScrape()
    {
        await _metrics.Registry.CollectAndExportAsTextAsync(Stream.Null);
    }
}
