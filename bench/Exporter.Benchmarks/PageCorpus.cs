using Vbrick.Rev.Simulator;
using Vbrick.Rev.Simulator.Audience;
using Vbrick.Rev.Simulator.Endpoints;

namespace Vbrick.Exporter.Benchmarks;

/// <summary>Real-time pages of 500 attendees, rendered byte for byte as the simulator serves them.</summary>
public static class PageCorpus
{
    /// <param name="viewers">Simulated viewers; the pages hold the sessions they have 90 minutes in (about 98 %).</param>
    /// <param name="seed">The audience model's seed.</param>
    /// <param name="mixedCasing">Every other page in camelCase keys, as a Rev that changes its serialiser might send.</param>
    public static List<byte[]> Render(int viewers, int seed = 7, bool mixedCasing = false)
    {
        var simulated = new SimulatedEvent { Viewers = viewers, Seed = seed, StartsAt = DateTimeOffset.UnixEpoch, Duration = TimeSpan.FromHours(2) };
        var model = new AudienceModel(simulated);
        var at = simulated.StartsAt + TimeSpan.FromMinutes(90);
        var records = model.RecordsAt(at).ToList();
        var figures = EventFigures.From(records);
        var pages = new List<byte[]>();
        for (var start = 0; start < records.Count; start += 500)
        {
            using var buffer = new MemoryStream();
            var page = records.GetRange(start, Math.Min(500, records.Count - start));
            var casing = mixedCasing && pages.Count % 2 == 1 ? KeyCasing.Camel : KeyCasing.Pascal;
            RealtimePageWriter.WriteAsync(buffer, casing, "All", figures, page, "scroll-" + start, PageShape.Plain, CancellationToken.None).GetAwaiter().GetResult();
            pages.Add(buffer.ToArray());
        }

        return pages;
    }
}
