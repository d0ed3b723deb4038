namespace Vbrick.Exporter.Aggregation;

/// <summary>One zone's rebuffering ratio over the quality window, and how many sessions it is over.</summary>
public readonly record struct ZoneQuality(string Zone, double RebufferingRatio, int SampleSessions);
