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

    public SweepAccumulator StartSweep(DateTimeOffset startedAt) => new(this, NextSweepId++, startedAt);
}
