namespace Vbrick.Exporter.Aggregation.Census;

/// <summary>What one census page proved about its value's online count.</summary>
public enum CensusResult
{
    /// <summary>The value's records were all on the page (the match set ended, or another value followed them): counted.</summary>
    CountedBlock,

    /// <summary>The page held only the value, and no plausible rule lets the query match another known value: Rev's total is the count.</summary>
    CountedTotal,

    /// <summary>More matches than a page, and other values may be among them: nothing published.</summary>
    Ambiguous,

    /// <summary>The page ended before the value's records began (other values sort first): nothing published; the next try reads the other end.</summary>
    NotReached,

    /// <summary>The page's values were not in the order asked for: nothing published.</summary>
    Unsorted,

    /// <summary>Rev refused the request or the answer was unusable.</summary>
    Failed,
}
