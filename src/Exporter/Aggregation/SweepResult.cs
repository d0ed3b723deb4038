namespace Vbrick.Exporter.Aggregation;

/// <summary>One complete sweep over an event's attendees, ready to publish as a whole.</summary>
public sealed record SweepResult(
    IReadOnlyCollection<AudienceSeries> Series,
    long SessionsSeen,
    long? TotalReported,
    int Pages,
    DateTimeOffset StartedAt,
    DateTimeOffset CompletedAt,
    bool IsFirst,
    IReadOnlyDictionary<FoldedLabel, long> FoldedByLabel,
    IReadOnlyDictionary<InvalidRecordReason, long> InvalidByReason,
    double? AverageRebufferSeconds = null)
{
    /// <summary>Online sessions the sweep counted.</summary>
    public long OnlineSessions => Series.Sum(s => s.Online);

    /// <summary>Share of Rev's <c>total</c> the sweep saw; 1 when Rev reported none.</summary>
    public double Coverage => TotalReported is > 0 ? (double)SessionsSeen / TotalReported.Value : 1.0;
}
