namespace Vbrick.Exporter.Aggregation;

/// <summary>
/// Everything the exporter remembers about one event's audience while it is watched: label tables
/// and per-session running totals. Memory grows with distinct sessions and label values, never
/// with response size.
/// </summary>
public sealed class EventAudience(int labelValueCap)
{
    internal LabelValueTable Zones { get; } = new(labelValueCap);

    internal LabelValueTable StreamTypes { get; } = new(labelValueCap);

    internal LabelValueTable Browsers { get; } = new(labelValueCap);

    internal Dictionary<string, SessionState> Sessions { get; } = new(StringComparer.Ordinal);

    /// <summary>Completed sweeps; the first one is the baseline and adds nothing to counters.</summary>
    public int CompletedSweeps { get; internal set; }

    public int TrackedSessions => Sessions.Count;

    internal int NextSweepId { get; set; }

    /// <summary>The sessions a sweep touched; one sweep runs at a time per event, so the list is reused.</summary>
    internal List<SessionState> Touched { get; } = [];

    /// <summary>Observation lists of published sweeps, cleared, for the next sweep to fill.</summary>
    internal Stack<List<double>> SpareLists { get; } = new();

    public SweepAccumulator StartSweep(DateTimeOffset startedAt)
    {
        Touched.Clear();
        return new(this, NextSweepId++, startedAt);
    }

    /// <summary>Hands a published sweep's buffers back, so steady-state sweeps allocate next to nothing.</summary>
    public void Recycle(SweepResult published)
    {
        foreach (var series in published.Series)
        {
            series.Bitrates.Clear();
            series.Bandwidths.Clear();
            SpareLists.Push(series.Bitrates);
            SpareLists.Push(series.Bandwidths);
        }
    }

    internal List<double> RentList() => SpareLists.TryPop(out var list) ? list : [];
}
