namespace Vbrick.Exporter.Aggregation.Census;

public static class CensusResultExtensions
{
    public static string Label(this CensusResult result) => result switch
    {
        CensusResult.CountedBlock => "counted_block",
        CensusResult.CountedTotal => "counted_total",
        CensusResult.Ambiguous => "ambiguous",
        CensusResult.NotReached => "not_reached",
        CensusResult.Unsorted => "unsorted",
        CensusResult.Failed => "failed",
    };

    public static bool Counted(this CensusResult result) => result is CensusResult.CountedBlock or CensusResult.CountedTotal;
}
