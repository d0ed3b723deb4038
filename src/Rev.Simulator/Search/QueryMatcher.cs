namespace Vbrick.Rev.Simulator.Search;

/// <summary>Applies a <see cref="QueryMatchRule"/> to one field value.</summary>
public static class QueryMatcher
{
    public static bool Matches(QueryMatchRule rule, string query, string? value) => rule switch
    {
        QueryMatchRule.Ignored => true,
        QueryMatchRule.Exact => string.Equals(query.Trim(), value?.Trim(), StringComparison.OrdinalIgnoreCase),
        QueryMatchRule.Substring => value is not null && value.Contains(query.Trim(), StringComparison.OrdinalIgnoreCase),
        QueryMatchRule.Words => value is not null && Words(query).Overlaps(Words(value)),
        _ => throw new ArgumentOutOfRangeException(nameof(rule), rule, null),
    };

    private static HashSet<string> Words(string text)
    {
        var words = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var letter = i < text.Length && char.IsLetterOrDigit(text[i]);
            if (letter && start < 0)
            {
                start = i;
            }
            else if (!letter && start >= 0)
            {
                words.Add(text[start..i]);
                start = -1;
            }
        }

        return words;
    }
}
