namespace Vbrick.Exporter.Aggregation;

/// <summary>What one read added to the counters of one zone / stream type / browser combination.</summary>
public readonly record struct AudienceIncrease(string Zone, string StreamType, string Browser, RunningTotals Increase);
