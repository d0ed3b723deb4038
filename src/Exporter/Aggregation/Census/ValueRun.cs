namespace Vbrick.Exporter.Aggregation.Census;

/// <summary>Consecutive records of a page whose searched field had one value (its label form), and how many were online.</summary>
public readonly record struct ValueRun(string Label, int Records, int Online);
