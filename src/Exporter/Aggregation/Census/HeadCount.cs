namespace Vbrick.Exporter.Aggregation.Census;

/// <summary>Online sessions with one value of a field, exactly as counted at <see cref="At"/> (a sweep's snapshot or a census page).</summary>
public readonly record struct HeadCount(long Count, DateTimeOffset At);
