using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Vbrick.Exporter.Aggregation;
using Vbrick.Exporter.Rev;

namespace Vbrick.Exporter.Benchmarks;

/// <summary>
/// One sweep of 13,234 attendees (27 pages, 11.6 MB): the exporter's streaming parse and aggregation against
/// the floor, a bare <see cref="Utf8JsonReader"/> pass over the same bytes that reads nothing.
/// </summary>
[MemoryDiagnoser]
public class ParseAndAggregateBenchmarks
{
    private List<byte[]> _pages = [];
    private EventAudience _audience = new(50);

    [GlobalSetup]
    public void Setup()
    {
        _pages = PageCorpus.Render(13_500);
        _audience = new EventAudience(50);

        // Warm the session table as a long-running exporter has it: steady state is what matters.
        SweepOnce();
    }

    [Benchmark(Baseline = true)]
    public int BareReader()
    {
        var tokens = 0;
        foreach (var page in _pages)
        {
            var reader = new Utf8JsonReader(page);
            while (reader.Read())
            {
                tokens++;
            }
        }

        return tokens;
    }

    [Benchmark]
    public long ParseAndAggregate() => SweepOnce();

    private long SweepOnce()
    {
        var sweep = _audience.StartSweep(DateTimeOffset.UnixEpoch);
        foreach (var page in _pages)
        {
            using var stream = new MemoryStream(page, writable: false);
            sweep.BeginPage();
            RealtimePageReader.ReadAsync(stream, sweep, ScrollGuard.PageSize, CancellationToken.None).AsTask().GetAwaiter().GetResult();
        }

        var result = sweep.Complete(DateTimeOffset.UnixEpoch, null);
        _audience.Recycle(result);
        return result.SessionsSeen;
    }
}
