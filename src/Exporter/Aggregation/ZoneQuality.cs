namespace Vbrick.Exporter.Aggregation;

/// <summary>One zone's rebuffering ratio over the quality window, and how many sessions it is over.</summary>
public readonly record struct ZoneQuality(string Zone, double RebufferingRatio, int SampleSessions)
{
    /// <summary>
    /// How many standard errors a zone's ratio must stand above the others' to look wrong: 3, since
    /// with twenty zones a 2-sigma rule would call one of them suspect by chance every other page
    /// and spend the real-time budget re-reading it.
    /// </summary>
    public const double SuspectZScore = 3.0;

    /// <summary>Fewest sessions whose count rose for a zone to look wrong at all.</summary>
    public const int MinRisingSessions = 5;

    /// <summary>
    /// The named zone that looks wrong: the one whose ratio stands highest above the ratio of all
    /// sessions read, counted in standard errors of a sample its size (a one-sided binomial test),
    /// when that is at least <see cref="SuspectZScore"/>. Null when no zone stands out, so a
    /// healthy webcast costs no zone-focused requests. "unknown" and "other" cannot be searched for.
    /// </summary>
    public static string? MostSuspect(IReadOnlyList<ZoneQuality> zones)
    {
        double sessions = 0, rose = 0;
        foreach (var zone in zones)
        {
            sessions += zone.SampleSessions;
            rose += zone.RebufferingRatio * zone.SampleSessions;
        }

        if (sessions == 0)
        {
            return null;
        }

        // A floor on the spread: when no session rebuffered at all, any rise stands out.
        var overall = rose / sessions;
        var spread = Math.Max(overall * (1 - overall), 0.01);
        string? suspect = null;
        var best = SuspectZScore;
        foreach (var zone in zones)
        {
            // A handful of sessions that rose is chance among twenty zones, not a spike worth re-reading.
            if (zone.SampleSessions == 0 || zone.RebufferingRatio * zone.SampleSessions < MinRisingSessions || zone.Zone is LabelSanitizer.Unknown or LabelSanitizer.Other)
            {
                continue;
            }

            var z = (zone.RebufferingRatio - overall) / Math.Sqrt(spread / zone.SampleSessions);
            if (z >= best)
            {
                best = z;
                suspect = zone.Zone;
            }
        }

        return suspect;
    }
}
