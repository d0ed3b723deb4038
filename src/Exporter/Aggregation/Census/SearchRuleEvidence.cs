namespace Vbrick.Exporter.Aggregation.Census;

/// <summary>
/// What the data has shown of Rev's search on one field, for the whole account: which match rules
/// are still plausible, and whether Rev sorts by the field. It only ever loses rules, each by a
/// record that proves it wrong: a value returned for a query the rule would not match (seen), or a
/// value known to exist that a sorted or complete answer proves missing (missed). A count taken
/// from a search's <c>total</c> is trusted only while every plausible rule agrees no other value matches.
/// </summary>
public sealed class SearchRuleEvidence
{
    private readonly HashSet<SearchRule> _plausible = [.. SearchRuleExtensions.All];

    public IReadOnlyCollection<SearchRule> Plausible => _plausible;

    /// <summary>A page showed values out of the order asked for, or one value in two places: order proves nothing on this field.</summary>
    public bool SortBroken { get; private set; }

    /// <summary>
    /// Whether orders seen on this field can prove a value missing. Rev documents the field as a
    /// sort field, so its order is taken at its word until a page contradicts it; every page is
    /// checked (<see cref="CensusJudge.CheckOrder"/>), and one out of order ends it for good.
    /// </summary>
    public bool SortTrusted => !SortBroken;

    /// <summary>A record whose field reads <paramref name="value"/> was among the matches of <paramref name="query"/>.</summary>
    public void Seen(string query, string value) => _plausible.RemoveWhere(rule => !rule.Matches(query, value));

    /// <summary>A value known to be in the event was proven absent from the matches of <paramref name="query"/>.</summary>
    public void Missed(string query, string value) => _plausible.RemoveWhere(rule => rule.Matches(query, value));

    public void SortViolated() => SortBroken = true;

    /// <summary>
    /// True when no plausible rule lets <paramref name="value"/>'s query match any other of the
    /// <paramref name="names"/>: then the search's <c>total</c> counts that value alone. Never while
    /// "q is ignored" is plausible, nor once the data contradicted every rule.
    /// </summary>
    public bool Isolated(string value, IEnumerable<string> names)
    {
        if (_plausible.Count == 0 || _plausible.Contains(SearchRule.Ignored))
        {
            return false;
        }

        foreach (var name in names)
        {
            if (!string.Equals(name, value, StringComparison.Ordinal) && _plausible.Any(rule => rule.Matches(value, name)))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// A value among <paramref name="present"/> whose presence or absence in <paramref name="value"/>'s
    /// matches would refute at least one plausible rule; null when the plausible rules all agree on each.
    /// </summary>
    public string? Informative(string value, IEnumerable<string> present)
    {
        foreach (var other in present)
        {
            if (string.Equals(other, value, StringComparison.Ordinal))
            {
                continue;
            }

            var matching = _plausible.Count(rule => rule.Matches(value, other));
            if (matching > 0 && matching < _plausible.Count)
            {
                return other;
            }
        }

        return null;
    }
}
