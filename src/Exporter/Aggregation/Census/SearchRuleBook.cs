using Vbrick.Exporter.Rev;

namespace Vbrick.Exporter.Aggregation.Census;

/// <summary>The account's evidence of Rev's search behaviour, one <see cref="SearchRuleEvidence"/> per field: every event's pages add to it.</summary>
public sealed class SearchRuleBook
{
    private readonly Dictionary<SearchField, SearchRuleEvidence> _fields = EventCensus.Fields.ToDictionary(f => f, _ => new SearchRuleEvidence());

    public SearchRuleEvidence this[SearchField field] => _fields[field];
}
