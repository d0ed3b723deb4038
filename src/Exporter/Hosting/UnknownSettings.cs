namespace Vbrick.Exporter.Hosting;

/// <summary>
/// Keys in the exporter's own sections that no options class binds, so a typo
/// (<c>Events:Discovr=true</c>) is said instead of silently ignored, with the nearest real key when
/// one is close. Only the first unknown part of a path is named: what lies below it may be a user
/// name or another value that must not reach a log.
/// </summary>
public static class UnknownSettings
{
    /// <summary>
    /// Sections whose children bind something other than the catalogue's classes: the standard
    /// resilience pipeline's own options under <c>Rev:Resilience</c>.
    /// </summary>
    private static readonly string[] OpenSections = ["Rev:Resilience"];

    public sealed record Finding(string Key, string? Suggestion)
    {
        public override string ToString() => Suggestion is null
            ? $"{Key} is not a setting of this exporter (ignored)."
            : $"{Key} is not a setting of this exporter (ignored); did you mean {Suggestion}?";
    }

    public static IReadOnlyList<Finding> Find(IConfiguration configuration)
    {
        var known = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var open = new HashSet<string>(OpenSections, StringComparer.OrdinalIgnoreCase);
        foreach (var key in OptionsCatalog.Keys())
        {
            var parts = key.Name.Split(':');
            var isOpen = parts[^1].StartsWith('<');
            var length = isOpen ? parts.Length - 1 : parts.Length;
            for (var i = 1; i <= length; i++)
            {
                var path = string.Join(':', parts[..i]);
                known.TryAdd(path, path);
            }

            if (isOpen)
            {
                open.Add(string.Join(':', parts[..length]));
            }
        }

        var findings = new List<Finding>();
        foreach (var (section, _) in OptionsCatalog.Sections)
        {
            Walk(configuration.GetSection(section), known, open, findings);
        }

        return findings;
    }

    private static void Walk(IConfigurationSection section, Dictionary<string, string> known, HashSet<string> open, List<Finding> findings)
    {
        foreach (var child in section.GetChildren())
        {
            if (open.Contains(child.Path))
            {
                continue;
            }

            if (!known.ContainsKey(child.Path))
            {
                findings.Add(new Finding(child.Path, Nearest(child.Path, known.Values)));
                continue;
            }

            Walk(child, known, open, findings);
        }
    }

    /// <summary>The known key of the same parent whose last part is within a typo's reach, if any.</summary>
    private static string? Nearest(string path, IEnumerable<string> known)
    {
        var split = path.LastIndexOf(':');
        var parent = path[..split];
        var name = path[(split + 1)..];
        // One edit per four characters, at least one, at most three: "Discovr" -> "Discover",
        // "Intervall" -> "Interval", not "Ids" -> "Urls".
        var reach = Math.Clamp(name.Length / 4, 1, 3);
        return known
            .Where(k => k.LastIndexOf(':') == split && string.Equals(k[..split], parent, StringComparison.OrdinalIgnoreCase))
            .Select(k => (Key: k, Distance: Distance(name.ToUpperInvariant(), k[(split + 1)..].ToUpperInvariant())))
            .Where(c => c.Distance <= reach)
            .OrderBy(c => c.Distance)
            .ThenBy(c => c.Key, StringComparer.Ordinal)
            .Select(c => c.Key)
            .FirstOrDefault();
    }

    /// <summary>Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps.</summary>
    internal static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
