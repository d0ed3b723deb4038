using System.Globalization;

namespace Vbrick.Exporter.Aggregation.Census;

/// <summary>
/// How two field values compare in any collation Rev plausibly sorts by (ordinal, ordinal ignoring
/// case, the invariant culture with and without case): Rev does not say which it uses, so a
/// conclusion drawn from an order holds only where all of them agree.
/// </summary>
internal static class SortOrder
{
    /// <summary>-1 or 1 when every collation agrees that <paramref name="a"/> sorts before or after <paramref name="b"/>; 0 when they disagree or tie.</summary>
    public static int Robust(string a, string b)
    {
        var ordinal = Math.Sign(string.CompareOrdinal(a, b));
        if (ordinal == 0
            || Math.Sign(string.Compare(a, b, StringComparison.OrdinalIgnoreCase)) != ordinal
            || Math.Sign(string.Compare(a, b, CultureInfo.InvariantCulture, CompareOptions.None)) != ordinal
            || Math.Sign(string.Compare(a, b, CultureInfo.InvariantCulture, CompareOptions.IgnoreCase)) != ordinal)
        {
            return 0;
        }

        return ordinal;
    }
}
