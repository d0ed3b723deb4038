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
        var result = new List<string>();
        foreach (var text in texts)
        {
            var label = LabelSanitizer.Clean(text);
            for (var n = 2; !seen.Add(label); n++)
            {
                var suffix = " #" + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
                var stem = LabelSanitizer.Clean(text);
                label = (stem.Length + suffix.Length > LabelSanitizer.MaxLength ? stem[..(LabelSanitizer.MaxLength - suffix.Length)] : stem) + suffix;
            }

            result.Add(label);
        }

        return result;
    }
}
