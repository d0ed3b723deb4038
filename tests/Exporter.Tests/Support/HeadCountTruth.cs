using Vbrick.Rev.Simulator.Audience;

namespace Vbrick.Exporter.Tests.Support;

/// <summary>
/// The simulator's ground truth for head counts, computed from its audience model (not from any
/// exporter code), and a check that every head count the exporter published equals it at the time
/// the count says it was read.
/// </summary>
public static class HeadCountTruth
{
    public static readonly (string Family, Func<ViewerNumbers, string?> Value)[] Families =
    [
        ("vbrick_webcast_zone_attendees", n => n.Zone),
        ("vbrick_webcast_stream_type_attendees", n => n.StreamType),
        ("vbrick_webcast_browser_attendees", n => n.Browser),
    ];

    /// <summary>Online sessions by the value <paramref name="of"/> picks (missing or blank as "unknown"), at <paramref name="at"/>.</summary>
    public static Dictionary<string, long> OnlineBy(AudienceModel audience, DateTimeOffset at, Func<ViewerNumbers, string?> of)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        for (var i = 0; i < audience.Viewers; i++)
        {
            if (audience.Numbers(i, at) is { Online: true } n)
            {
                // The documented label rule: control characters become spaces, then trimmed.
                var value = of(n) is { } raw ? new string([.. raw.Select(c => char.IsControl(c) ? ' ' : c)]).Trim() : null;
                // The documented label rule: missing is "unknown"; a value literally "unknown" or "other" is quoted.
                var label = string.IsNullOrEmpty(value) ? "unknown" : value is "unknown" or "other" ? $"'{value}'" : value;
                counts[label] = counts.GetValueOrDefault(label) + 1;
            }
        }

        return counts;
    }

    /// <summary>
    /// Asserts every published head count of <paramref name="eventId"/> is the truth at its timestamp;
    /// <paramref name="checkedCounts"/> remembers (family, value, time) already checked, so a long run checks each once.
    /// </summary>
    public static int AssertExact(Scrape scrape, AudienceModel audience, string eventId, HashSet<string>? checkedCounts = null)
    {
        var truths = new Dictionary<(string, long), Dictionary<string, long>>();
        var checkedNow = 0;
        foreach (var (family, of) in Families)
        {
            var label = family switch
            {
                "vbrick_webcast_zone_attendees" => "zone",
                "vbrick_webcast_stream_type_attendees" => "stream_type",
                _ => "browser",
            };
            foreach (var series in scrape.Series(family, ("event_id", eventId)))
            {
                var value = series.Labels[label];
                var stamp = scrape.Value(family + "_timestamp_seconds", ("event_id", eventId), (label, value))
                    ?? throw new InvalidOperationException($"{family}{{{label}={value}}} has no timestamp");
                var millis = (long)Math.Round(stamp * 1000);
                if (checkedCounts is not null && !checkedCounts.Add($"{family}|{value}|{millis}"))
                {
                    continue;
                }

                if (!truths.TryGetValue((family, millis), out var truth))
                {
                    truth = truths[(family, millis)] = OnlineBy(audience, DateTimeOffset.FromUnixTimeMilliseconds(millis), of);
                }

                Assert.True(truth.GetValueOrDefault(value) == (long)series.Value, $"{family}{{{label}=\"{value}\"}} = {series.Value} at {DateTimeOffset.FromUnixTimeMilliseconds(millis):HH:mm:ss}, truth {truth.GetValueOrDefault(value)}");
                checkedNow++;
            }
        }

        return checkedNow;
    }

    /// <summary>How old the published count of one value is at <paramref name="now"/>; null when there is none.</summary>
    public static TimeSpan? Age(Scrape scrape, string family, string label, string eventId, string value, DateTimeOffset now) =>
        scrape.Value(family + "_timestamp_seconds", ("event_id", eventId), (label, value)) is { } stamp
            ? now - DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(stamp * 1000))
            : null;
}
