namespace Vbrick.Exporter.Aggregation;

/// <summary>
/// The buffering counts each session showed within the quality window, from whichever request read
/// it (a sweep page or a sample). A zone's rebuffering ratio is the share of its online sessions,
/// read at least twice in the window, whose count rose between their earliest and latest reading
/// there: it does not depend on how often a session happens to be re-read. Readings live on the
/// session's own state; this keeps the list of sessions that have any, so memory holds only
/// sessions read within the window.
/// </summary>
public sealed class QualityTracker
{
    private const int FirstCapacity = 2;
    private readonly List<SessionState> _read = [];

    /// <summary>Sessions with at least one reading kept.</summary>
    public int Sessions => _read.Count;

    internal void Record(SessionState session, int zone, bool online, double bufferingCount, DateTimeOffset at)
    {
        if (session.ReadingCount == 0)
        {
            _read.Add(session);
        }

        var readings = session.Readings ??= new QualityReading[FirstCapacity];
        if (session.ReadingCount == readings.Length)
        {
            Array.Resize(ref readings, readings.Length * 2);
            session.Readings = readings;
        }

        readings[session.ReadingCount++] = new QualityReading(at.UtcTicks, bufferingCount);
        session.QualityZone = zone;
        session.QualityOnline = online;
    }

    /// <summary>Drops readings older than the window, then gives each zone's ratio and sample size.</summary>
    public IReadOnlyList<ZoneQuality> Evaluate(DateTimeOffset now, TimeSpan window, LabelValueTable zones)
    {
        var from = (now - window).UtcTicks;
        var byZone = new Dictionary<int, (int Sessions, int Rose)>();
        var kept = 0;
        for (var i = 0; i < _read.Count; i++)
        {
            var session = _read[i];
            if (DropOlderThan(session, from) == 0)
            {
                // Nothing left in the window: the session leaves the list and its buffer is freed.
                session.Readings = null;
                continue;
            }

            _read[kept++] = session;
            if (!session.QualityOnline || session.ReadingCount < 2)
            {
                continue;
            }

            var (earliest, latest) = EarliestAndLatest(session.Readings.AsSpan(0, session.ReadingCount));
            byZone.TryGetValue(session.QualityZone, out var tally);
            byZone[session.QualityZone] = (tally.Sessions + 1, tally.Rose + (latest > earliest ? 1 : 0));
        }

        _read.RemoveRange(kept, _read.Count - kept);
        return [.. byZone.Select(z => new ZoneQuality(zones[z.Key], (double)z.Value.Rose / z.Value.Sessions, z.Value.Sessions))];
    }

    /// <summary>Forgets every reading (the event's sessions are released).</summary>
    internal void Clear()
    {
        foreach (var session in _read)
        {
            session.Readings = null;
            session.ReadingCount = 0;
        }

        _read.Clear();
    }

    private static int DropOlderThan(SessionState session, long from)
    {
        var readings = session.Readings!;
        var kept = 0;
        for (var i = 0; i < session.ReadingCount; i++)
        {
            if (readings[i].Ticks >= from)
            {
                readings[kept++] = readings[i];
            }
        }

        session.ReadingCount = kept;
        return kept;
    }

    private static (double Earliest, double Latest) EarliestAndLatest(ReadOnlySpan<QualityReading> readings)
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
}
