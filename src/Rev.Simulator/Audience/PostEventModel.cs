using System.Globalization;
using System.Xml;

namespace Vbrick.Rev.Simulator.Audience;

/// <summary>
/// What Rev keeps after the event, derived from the same seeded audience as the live data: the
/// attendee report (with the duration formats the exporter must accept, and a few it cannot),
/// polls and comments. Tests read the numbers from here as ground truth.
/// </summary>
public sealed class PostEventModel(AudienceModel audience, int preProductionSessions)
{
    public DateTimeOffset EndsAt => audience.Event.StartsAt + audience.Event.Duration;

    /// <summary>
    /// The report of a run: 0 is the main event, 1 a pre-production run, later runs are empty. At
    /// <paramref name="now"/>, a main report still being assembled (<see cref="SimulatedEvent.ReportAssembly"/>)
    /// holds only part of its sessions; without it, the whole report.
    /// </summary>
    public IReadOnlyList<ReportSession> Sessions(int run, DateTimeOffset? now = null)
    {
        if (run == 0)
        {
            var all = audience.RecordsAt(EndsAt).Select(ToSession).ToList();
            var assembly = audience.Event.ReportAssembly;
            if (now is { } at && assembly > TimeSpan.Zero && at < EndsAt + assembly)
            {
                var share = Math.Clamp((at - EndsAt) / assembly, 0, 1);
                return [.. all.Take((int)(all.Count * share))];
            }

            return all;
        }

        if (run == 1)
        {
            return [.. audience.RecordsAt(EndsAt).Take(preProductionSessions).Select(r => ToSession(r) with { ViewingSeconds = 600, SessionSeconds = 630, ViewingText = "0:10:00", SessionText = "0:10:30", ViewingUnparsable = false })];
        }

        return [];
    }

    public IReadOnlyList<SimulatedPoll> Polls()
    {
        var n = audience.Viewers;
        var clarity = new (string, long)[] { ("Excellent", n * 3 / 10), ("Good", n / 4), ("Fair", n / 10), ("Poor", n / 20) };
        var topics = new (string, long)[] { ("Strategy", n * 2 / 5), ("Product roadmap", n / 3), ("Q&A with leadership", n / 2) };
        var respondedTopics = n * 3 / 5;
        var longQuestion = "Thinking about everything you heard today about our plans for the coming year, which of the following statements best describes how you feel right now?";
        var feelings = new (string, long)[] { ("Confident", n / 5), ("Curious", n / 6), ("Concerned", n / 12) };
        List<SimulatedPoll> polls =
        [
            new("poll-1", "How clear are the audio and video?", false, clarity.Sum(a => a.Item2), n - clarity.Sum(a => a.Item2), clarity),
            new("poll-2", "Which topics should we cover next? (choose all that apply)", true, respondedTopics, n - respondedTopics, topics),
            new("poll-3", longQuestion, false, feelings.Sum(a => a.Item2), n - feelings.Sum(a => a.Item2), feelings),
        ];
        if (audience.Event.HugePollAnswers is { } count)
        {
            polls.Add(new("poll-4", "Pick a number", false, count, 0, [.. Enumerable.Range(0, count).Select(i => ($"Answer {i % 1_000}", 1L))]));
        }

        return polls;
    }

    public IReadOnlyList<SimulatedComment> Comments()
    {
        var n = audience.Viewers;
        var count = audience.Event.CommentCount ?? Math.Max(1, n / 20);
        var commenters = Math.Max(1, Math.Min(n / 40, count / 2));
        return [.. Enumerable.Range(0, count).Select(j =>
        {
            var viewer = j % commenters;
            var username = $"viewer{viewer}.s{audience.Event.Seed}";
            return new SimulatedComment($"c-{j}", $"user-{audience.Event.Seed}-{viewer}", username, audience.Event.StartsAt.AddMinutes(j % 60), $"Comment {j} from {username}", j % 10 == 9);
        })];
    }

    private ReportSession ToSession(ViewerRecord viewer)
    {
        var left = viewer.LeftAt ?? EndsAt;
        var viewing = Math.Round((left - viewer.StartTime).TotalSeconds);
        var session = viewing + 30;
        var unparsable = viewer.Index % 997 == 5;
        var device = audience.U(viewer.Index, 20) switch { < 0.8 => "PC", < 0.95 => "Mobile", _ => "Tablet" };

        // Delivery: an eCDN path (cache or multicast) serves most of the session inside the network,
        // with one session in seven falling back to the public CDN for a fifth of it; everything else
        // is served from the public CDN.
        var inside = viewer.StreamAccessed.StartsWith("eCDN", StringComparison.Ordinal);
        var ecdn = inside ? (viewer.Index % 7 == 0 ? Math.Round(viewing * 0.8) : viewing) : 0;

        // The edges of the concurrency rules: a few sessions still open when the report was made (no
        // exitedDate) and a few whose enteredDate is not a date.
        var entered = viewer.Index % 503 == 11 ? (DateTimeOffset?)null : viewer.StartTime;
        var exited = viewer.Index % 211 == 7 ? (DateTimeOffset?)null : viewer.StartTime.AddSeconds(session);

        // Start-up delay: 1 to 9 s, 12 s more in the Singapore office (a slow WAN link), and a few
        // sessions that never played at all.
        var delay = 1 + (viewer.Index % 9) + (viewer.Zone == "Singapore Office" ? 12 : 0);
        var playing = viewer.Index % 331 == 13 ? (DateTimeOffset?)null : viewer.StartTime.AddSeconds(delay);
        return new ReportSession(
            viewer,
            device,
            viewing,
            session,
            // Two kinds of bad value: text, and an ISO duration too long for TimeSpan (a parser that
            // only expects FormatException would throw on it).
            unparsable ? (viewer.Index % 2 == 0 ? "P999999999Y" : "n/a") : Format(viewing, viewer.Index),
            Format(session, viewer.Index + 1),
            unparsable,
            Math.Floor(viewer.BufferingCount * 0.6))
        {
            ECdnSeconds = ecdn,
            PublicCdnSeconds = viewing - ecdn,
            EnteredAt = entered,
            ExitedAt = exited,
            ViewingStartAt = playing,
        };
    }

    /// <summary>Rev's own totals for a report's first page, in the same undocumented duration text.</summary>
    public static (string ECdn, string PublicCdn) Totals(IReadOnlyList<ReportSession> sessions) =>
        (Format(sessions.Sum(s => s.ECdnSeconds), 4), Format(sessions.Sum(s => s.PublicCdnSeconds), 4));

    /// <summary>Rev's own first-page figures of a report: every session counts, online or not.</summary>
    public static EventFigures Figures(IReadOnlyList<ReportSession> sessions)
    {
        var builder = new EventFigures.Builder(rolesOverAllSessions: true);
        foreach (var s in sessions)
        {
            builder.Add(s.Viewer.AttendeeType, online: true, s.Viewer.BufferingCount, s.Viewer.BufferingSeconds, s.Viewer.Errors, s.Viewer.MulticastFailovers);
        }

        return builder.Build();
    }

    /// <summary>A session's CDN time as the report writes it.</summary>
    public static string CdnText(double seconds, int index) => Format(seconds, index);

    /// <summary>Rev's format is undocumented: most sessions read h:mm:ss, a few use the other accepted forms.</summary>
    private static string Format(double seconds, int index)
    {
        var span = TimeSpan.FromSeconds(seconds);
        return (index % 50) switch
        {
            0 => XmlConvert.ToString(span),
            1 => seconds.ToString(CultureInfo.InvariantCulture),
            2 => span.ToString("d\\.hh\\:mm\\:ss", CultureInfo.InvariantCulture),
            3 => string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalHours:00}:{span.Minutes:00}:{span.Seconds:00}.000"),
            _ => string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalHours}:{span.Minutes:00}:{span.Seconds:00}"),
        };
    }
}
