namespace Vbrick.Exporter.Aggregation.Census;

public static class SearchRuleExtensions
{
    public static readonly IReadOnlyList<SearchRule> All = Enum.GetValues<SearchRule>();

    public static string Label(this SearchRule rule) => rule switch
    {
        SearchRule.Exact => "exact",
        SearchRule.Substring => "substring",
        SearchRule.Words => "words",
        SearchRule.Ignored => "ignored",
    };

    /// <summary>Whether a record whose field reads <paramref name="value"/> is among the matches of <paramref name="query"/> under this rule.</summary>
    public static bool Matches(this SearchRule rule, string query, string value) => rule switch
    {
        SearchRule.Exact => query.AsSpan().Trim().Equals(value.AsSpan().Trim(), StringComparison.OrdinalIgnoreCase),
        SearchRule.Substring => value.Contains(query.Trim(), StringComparison.OrdinalIgnoreCase),
        SearchRule.Words => ShareAWord(query, value),
        SearchRule.Ignored => true,
    };

    private static bool ShareAWord(string query, string value)
    {
        foreach (var word in WordsOf(query))
        {
            foreach (var other in WordsOf(value))
            {
                if (word.Equals(other, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Maximal runs of letters and digits: what a search engine's standard analyser calls words.</summary>
    private static List<string> WordsOf(string text)
    {
        var words = new List<string>();
        var from = 0;
        while (from < text.Length)
        {
            while (from < text.Length && !char.IsLetterOrDigit(text[from]))
            {
                from++;
            }

            var to = from;
            while (to < text.Length && char.IsLetterOrDigit(text[to]))
            {
                to++;
            }

            if (to > from)
            {
                words.Add(text[from..to]);
            }

            from = to;
        }

        return words;
    }
}
