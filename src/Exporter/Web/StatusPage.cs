using System.Globalization;
using System.Net;
using System.Text;
using Vbrick.Exporter.Metrics;

namespace Vbrick.Exporter.Web;

/// <summary>
/// <c>/</c>: a small server-rendered page for operators, rendered from a <see cref="StatusSnapshot"/>
/// of the same published model as <c>/metrics</c>, so it never disagrees with a scrape. No script;
/// every value from Rev is HTML-encoded.
/// </summary>
public static class StatusPage
{
    public static string Render(StatusSnapshot snapshot, DateTimeOffset now)
    {
        var html = new StringBuilder(8 * 1024);
        html.Append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Vbrick Rev exporter</title>")
            .Append("<style>body{font-family:system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse;margin-bottom:1.5em}")
            .Append("td,th{border:1px solid #ccc;padding:.3em .6em;text-align:left}th{background:#f3f3f3}.bad{color:#b00020}.demo{background:#fff3cd;border:1px solid #e0a800;padding:.5em 1em}</style></head><body>")
            .Append("<h1>Vbrick Rev webcast exporter</h1>")
            .Append(snapshot.Demo ? "<p class=\"demo\"><strong>Demo mode:</strong> these figures come from the embedded Rev simulator, not from a Rev tenant.</p>" : string.Empty)
            .Append("<p>Version ").Append(Encode(snapshot.Version))
            .Append(" &middot; page rendered ").Append(Encode(Time(now))).Append("</p>")
            .Append("<p><a href=\"/metrics\">/metrics</a> &middot; <a href=\"/healthz\">/healthz</a> &middot; <a href=\"/readyz\">/readyz</a></p>");

        AppendEvents(html, snapshot, now);
        AppendBudgets(html, snapshot);
        AppendErrors(html, snapshot);
        html.Append("</body></html>");
        return html.ToString();
    }

    private static void AppendEvents(StringBuilder html, StatusSnapshot snapshot, DateTimeOffset now)
    {
        html.Append("<h2>Events</h2><table><tr><th>Event</th><th>Title</th><th>Rev status</th><th>Stage</th><th>Mode</th><th>Event-wide figures</th><th>Last complete sweep</th><th>Peak concurrent (post-event)</th><th>Up</th></tr>");
        foreach (var row in snapshot.Events)
        {
            html.Append("<tr><td><code>").Append(Encode(row.Id)).Append("</code></td><td>").Append(Encode(row.Title))
                .Append("</td><td>").Append(Encode(row.RevStatus)).Append("</td><td>").Append(Encode(row.Stage ?? "unknown"))
                .Append("</td><td>").Append(Encode(row.Mode ?? "\u2013"))
                .Append("</td><td>").Append(Age(row.FiguresAt, now)).Append("</td><td>").Append(Age(row.SweepAt, now))
                .Append("</td><td>").Append(row.Peak is { } peak && row.PeakAt is { } peakAt
                    ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{peak:N0} at {peakAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC")
                    : "&ndash;")
                .Append("</td><td").Append(row.Up switch { false => " class=\"bad\">no", true => ">yes", null => ">&ndash;" }).Append("</td></tr>");
        }

        if (snapshot.Events.Count == 0)
        {
            html.Append("<tr><td colspan=\"9\">No events yet: configure <code>Events:Ids</code> or turn on <code>Events:Discover</code>.</td></tr>");
        }

        html.Append("</table>");
    }

    private static void AppendBudgets(StringBuilder html, StatusSnapshot snapshot)
    {
        html.Append("<h2>Rev request budget</h2><table><tr><th>Family</th><th>Limit / min (this replica)</th><th>Allowed now / min</th><th>Requests made</th><th>429 answers</th></tr>");
        foreach (var row in snapshot.Budgets)
        {
            html.Append("<tr><td>").Append(Encode(row.Family)).Append("</td><td>").Append(Number(row.LimitPerMinute))
                .Append("</td><td>").Append(Number(row.EffectivePerMinute))
                .Append("</td><td>").Append(Number(row.Granted))
                .Append("</td><td>").Append(Number(row.RateLimited)).Append("</td></tr>");
        }

        html.Append("</table><p>Share of the account's limits: ").Append(Number(snapshot.BudgetShare))
            .Append(". Scroll lifetime planned with: ").Append(Number(snapshot.ScrollLifetimeSeconds)).Append(" s.</p>");
    }

    private static void AppendErrors(StringBuilder html, StatusSnapshot snapshot)
    {
        html.Append("<h2>Errors since start</h2><table><tr><th>Event</th><th>Reason</th><th>Count</th></tr>");
        foreach (var row in snapshot.Errors)
        {
            html.Append("<tr><td><code>").Append(Encode(row.EventId)).Append("</code></td><td>").Append(Encode(row.Reason))
                .Append("</td><td class=\"bad\">").Append(Number(row.Count)).Append("</td></tr>");
        }

        if (snapshot.Errors.Count == 0)
        {
            html.Append("<tr><td colspan=\"3\">None.</td></tr>");
        }

        html.Append("</table>");
    }

    private static string Age(DateTimeOffset? at, DateTimeOffset now) =>
        at is { } time ? Encode($"{Time(time)} ({(int)(now - time).TotalSeconds} s ago)") : "&ndash;";

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    private static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
