namespace Vbrick.Exporter.Aggregation;

/// <summary>One zone / stream type / browser combination, as indices into the event's label tables.</summary>
public readonly record struct AudienceKey(int Zone, int StreamType, int Browser);
