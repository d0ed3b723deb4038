namespace Vbrick.Exporter.Aggregation.Census;

/// <summary>
/// The ways Rev might match a search's <c>q</c> against a field value: its reference does not say.
/// The exporter keeps every rule the data has not refuted (<see cref="SearchRuleEvidence"/>).
/// </summary>
public enum SearchRule
{
    /// <summary>Equal, ignoring case.</summary>
    Exact,

    /// <summary>The value contains the query, ignoring case.</summary>
    Substring,

    /// <summary>The value shares at least one word with the query (a search engine's "or" match).</summary>
    Words,

    /// <summary>The query is not applied: every record matches.</summary>
    Ignored,
}
