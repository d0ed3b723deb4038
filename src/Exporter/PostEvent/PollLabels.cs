using Vbrick.Exporter.Aggregation;

namespace Vbrick.Exporter.PostEvent;

/// <summary>
/// Poll questions and answers become label values: cleaned and cut like every label, and kept
/// distinct, since two long questions that share their first 100 characters must not merge.
/// A repeat gets " #2", " #3" after a shortened text.
/// </summary>
public static class PollLabels
{
    public static IReadOnlyList<string> Distinct(IEnumerable<string> texts)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);

        // The next suffix to try per stem: n repeats of one text cost O(n), not O(n^2).
        var next = new Dictionary<string, int>(StringComparer.Ordinal);
        var result = new List<string>();
        foreach (var text in texts)
        {
            var stem = LabelSanitizer.Clean(text);
            var label = stem;
            if (!seen.Add(label))
            {
                var n = next.GetValueOrDefault(stem, 2);
                do
                {
                    var suffix = " #" + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    label = (stem.Length + suffix.Length > LabelSanitizer.MaxLength ? stem[..(LabelSanitizer.MaxLength - suffix.Length)] : stem) + suffix;
                    n++;
                }
                while (!seen.Add(label));
                next[stem] = n;
            }

            result.Add(label);
        }

        return result;
    }
}
