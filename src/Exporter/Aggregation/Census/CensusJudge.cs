namespace Vbrick.Exporter.Aggregation.Census;

/// <summary>
/// Reads what one sorted search page proves. Pure: the page's runs of values in, a verdict out.
/// Two facts carry every conclusion: a first page starts at the beginning of the match set, and a
/// sort by the searched field keeps each value's records together (the order between values is
/// Rev's collation, which only matters where <see cref="SortOrder.Robust"/> agrees).
/// </summary>
public static class CensusJudge
{
    /// <summary>Whether the runs are in the order asked for: (some pair confirmed it, some pair contradicted it or a value came twice).</summary>
    public static (bool Held, bool Violated) CheckOrder(IReadOnlyList<ValueRun> runs, bool descending)
    {
        var held = false;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < runs.Count; i++)
        {
            if (!seen.Add(runs[i].Label))
            {
                return (held, true);
            }

            if (i == 0)
            {
                continue;
            }

            var order = SortOrder.Robust(runs[i - 1].Label, runs[i].Label);
            if (order == (descending ? -1 : 1))
            {
                return (held, true);
            }

            held |= order != 0;
        }

        return (held, false);
    }

    /// <summary>
    /// The online count of <paramref name="label"/> this page proves. <paramref name="complete"/>:
    /// the match set ended on this page. <paramref name="isolated"/>: no plausible rule lets the
    /// query match another known value, so Rev's <paramref name="total"/> counts this value alone.
    /// </summary>
    public static CensusVerdict Judge(string label, IReadOnlyList<ValueRun> runs, bool complete, long? total, bool descending, bool isolated)
    {
        if (CheckOrder(runs, descending).Violated)
        {
            return new(CensusResult.Unsorted);
        }

        var at = -1;
        for (var i = 0; i < runs.Count; i++)
        {
            if (string.Equals(runs[i].Label, label, StringComparison.Ordinal))
            {
                at = i;
            }
        }

        if (at < 0)
        {
            return complete ? new(CensusResult.CountedBlock, 0) : new(CensusResult.NotReached);
        }

        // The page began at the start of the match set, so the value's records began on it; another
        // value after them, or the set's end, closes them.
        if (complete || at < runs.Count - 1)
        {
            return new(CensusResult.CountedBlock, runs[at].Online);
        }

        if (at == 0 && isolated && total is { } t && t >= runs[at].Records)
        {
            return new(CensusResult.CountedTotal, t);
        }

        // Cut off by the page's end: from the other end the value may come first.
        return at == 0 ? new(CensusResult.Ambiguous) : new(CensusResult.NotReached);
    }

    /// <summary>
    /// Values known to be in the event (<paramref name="present"/>) that a page of every status
    /// proves are not among the matches: absent from a complete answer, or, where the field's order
    /// is trusted, sorting before the page's last value without appearing on it.
    /// </summary>
    public static List<string> ProvenAbsent(string label, IReadOnlyList<ValueRun> runs, bool complete, bool descending, bool sortTrusted, IEnumerable<string> present)
    {
        var absent = new List<string>();
        if (runs.Count == 0 && !complete)
        {
            return absent;
        }

        var onPage = runs.Select(r => r.Label).ToHashSet(StringComparer.Ordinal);
        foreach (var value in present)
        {
            if (string.Equals(value, label, StringComparison.Ordinal) || onPage.Contains(value))
            {
                continue;
            }

            if (complete || (sortTrusted && SortOrder.Robust(value, runs[^1].Label) == (descending ? 1 : -1)))
            {
                absent.Add(value);
            }
        }

        return absent;
    }
}
