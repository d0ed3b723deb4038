namespace Vbrick.Exporter.Aggregation.Census;

/// <summary>A census page's result, with the count when it proved one.</summary>
public readonly record struct CensusVerdict(CensusResult Result, long Count = 0);
