using Vbrick.Exporter.Rev;

namespace Vbrick.Exporter.Aggregation.Census;

/// <summary>One value of one field an event's census counts: Rev's raw form (searched for) and its label.</summary>
public sealed class CensusValue(SearchField field, string raw, string label, DateTimeOffset discoveredAt)
{
    public SearchField Field { get; } = field;

    /// <summary>The value as Rev sent it: searches use this, never the cleaned label.</summary>
    public string Raw { get; } = raw;

    public string Label { get; } = label;

    public DateTimeOffset DiscoveredAt { get; } = discoveredAt;

    /// <summary>Known from the account's zone list; false once a reading showed it too.</summary>
    public bool ListedOnly { get; set; }

    /// <summary>Search from the far end of the sort next time: the last page showed other values first.</summary>
    public bool Descending { get; set; }

    public DateTimeOffset? LastCountedAt { get; set; }

    public DateTimeOffset? LastTriedAt { get; set; }

    public CensusResult? LastResult { get; set; }

    public long? Count { get; set; }

    public DateTimeOffset? LastProbedAt { get; set; }
}
