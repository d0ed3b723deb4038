namespace Vbrick.Exporter.Aggregation;

/// <summary>
/// The buffering counts each session showed within the quality window, from whichever request read
/// it (a sweep page or a sample). A zone's rebuffering ratio is the share of its online sessions,
/// read at least twice in the window, whose count rose between their earliest and latest reading
/// there: it does not depend on how often a session happens to be re-read. Memory holds only
/// sessions read within the window.
/// </summary>
public sealed class QualityTracker
{
    private readonly Dictionary<string, Trail> _trails = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Trail>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public QualityTracker() => _lookup = _trails.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Sessions with at least one reading kept.</summary>
    public int Sessions => _trails.Count;

    public void Record(ReadOnlySpan<char> sessionId, int zone, bool online, double bufferingCount, DateTimeOffset at)
    {
        if (!_lookup.TryGetValue(sessionId, out var trail))
        {
            trail = new Trail();
            _trails[sessionId.ToString()] = trail;
        }

        trail.Zone = zone;
        trail.Online = online;
        trail.Readings.Add((at.UtcTicks, bufferingCount));
    }

    /// <summary>Drops readings older than the window, then gives each zone's ratio and sample size.</summary>
    public IReadOnlyList<ZoneQuality> Evaluate(DateTimeOffset now, TimeSpan window, LabelValueTable zones)
    {
        var from = (now - window).UtcTicks;
        var byZone = new Dictionary<int, (int Sessions, int Rose)>();
        List<string>? empty = null;
        foreach (var (id, trail) in _trails)
        {
            trail.Readings.RemoveAll(r => r.Ticks < from);
            if (trail.Readings.Count == 0)
            {
                (empty ??= []).Add(id);
                continue;
            }

            if (!trail.Online || trail.Readings.Count < 2)
            {
                continue;
            }

            var (earliest, latest) = EarliestAndLatest(trail.Readings);
            byZone.TryGetValue(trail.Zone, out var tally);
            byZone[trail.Zone] = (tally.Sessions + 1, tally.Rose + (latest > earliest ? 1 : 0));
        }

        foreach (var id in empty ?? [])
        {
            _trails.Remove(id);
        }

        return [.. byZone.Select(z => new ZoneQuality(zones[z.Key], (double)z.Value.Rose / z.Value.Sessions, z.Value.Sessions))];
    }

    private static (double Earliest, double Latest) EarliestAndLatest(List<(long Ticks, double Count)> readings)
    {
        var first = readings[0];
        var last = readings[0];
        foreach (var reading in readings)
        {
            if (reading.Ticks < first.Ticks)
            {
                first = reading;
            }

            if (reading.Ticks >= last.Ticks)
            {
                last = reading;
            }
        }

        return (first.Count, last.Count);
    }

    private sealed class Trail
    {
        public int Zone;
        public bool Online;
        public readonly List<(long Ticks, double Count)> Readings = new(4);
    }
}
