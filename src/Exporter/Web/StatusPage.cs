using System.Globalization;
using System.Net;
using System.Text;
using Vbrick.Exporter.Metrics;

namespace Vbrick.Exporter.Web;

/// <summary>
/// <c>/</c>: a small server-rendered page for operators, read from the same published model as
/// <c>/metrics</c> (under the publication gate), so it never disagrees with a scrape. No script.
/// </summary>
public static class StatusPage
{
    public static string Render(ExporterMetrics metrics, DateTimeOffset now)
    {
        var html = new StringBuilder(8 * 1024);
        using (metrics.Exclusive())
        {
            var version = metrics.BuildInfo.GetAllLabelValues().FirstOrDefault()?[0] ?? "unknown";
            html.Append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Vbrick Rev exporter</title>")
                .Append("<style>body{font-family:system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse;margin-bottom:1.5em}")
                .Append("td,th{border:1px solid #ccc;padding:.3em .6em;text-align:left}th{background:#f3f3f3}.bad{color:#b00020}</style></head><body>")
                .Append("<h1>Vbrick Rev webcast exporter</h1><p>Version ").Append(Encode(version))
                .Append(" &middot; page rendered ").Append(Encode(Time(now))).Append("</p>")
                .Append("<p><a href=\"/metrics\">/metrics</a> &middot; <a href=\"/healthz\">/healthz</a> &middot; <a href=\"/readyz\">/readyz</a></p>");

            AppendEvents(html, metrics, now);
            AppendBudgets(html, metrics);
            AppendErrors(html, metrics);
        }

        html.Append("</body></html>");
        return html.ToString();
    }

    private static void AppendEvents(StringBuilder html, ExporterMetrics metrics, DateTimeOffset now)
    {
        html.Append("<h2>Events</h2><table><tr><th>Event</th><th>Title</th><th>Rev status</th><th>Stage</th><th>Mode</th><th>Event-wide figures</th><th>Last complete sweep</th><th>Up</th></tr>");
        var stages = metrics.LifecycleStage.GetAllLabelValues().Where(l => metrics.LifecycleStage.WithLabels(l).Value == 1).ToDictionary(l => l[0], l => l[1], StringComparer.Ordinal);
        var modes = metrics.RealtimeMode.GetAllLabelValues().ToDictionary(l => l[0], l => l[1], StringComparer.Ordinal);
        var rows = 0;
        foreach (var labels in metrics.EventInfo.GetAllLabelValues().OrderBy(l => l[1], StringComparer.Ordinal))
        {
            var id = labels[0];
            var up = metrics.Up.GetAllLabelValues().Any(l => l[0] == id) ? metrics.Up.WithLabels(id).Value : double.NaN;
            html.Append("<tr><td><code>").Append(Encode(id)).Append("</code></td><td>").Append(Encode(labels[1]))
                .Append("</td><td>").Append(Encode(labels[2])).Append("</td><td>").Append(Encode(stages.GetValueOrDefault(id, "unknown")))
                .Append("</td><td>").Append(Encode(modes.GetValueOrDefault(id, "\u2013")))
                .Append("</td><td>").Append(Age(metrics.FiguresTimestamp, id, now)).Append("</td><td>").Append(Age(metrics.SweepTimestamp, id, now))
                .Append("</td><td").Append(up == 0 ? " class=\"bad\">no" : up == 1 ? ">yes" : ">&ndash;").Append("</td></tr>");
            rows++;
        }

        if (rows == 0)
        {
            html.Append("<tr><td colspan=\"8\">No events yet: configure <code>Events:Ids</code> or turn on <code>Events:Discover</code>.</td></tr>");
        }

        html.Append("</table>");
    }

    private static void AppendBudgets(StringBuilder html, ExporterMetrics metrics)
    {
        html.Append("<h2>Rev request budget</h2><table><tr><th>Family</th><th>Limit / min (this replica)</th><th>Allowed now / min</th><th>Requests made</th><th>429 answers</th></tr>");
        foreach (var labels in metrics.BudgetLimit.GetAllLabelValues().OrderBy(l => l[0], StringComparer.Ordinal))
        {
            var family = labels[0];
            html.Append("<tr><td>").Append(Encode(family)).Append("</td><td>").Append(Number(metrics.BudgetLimit.WithLabels(family).Value))
                .Append("</td><td>").Append(Number(metrics.BudgetEffective.WithLabels(family).Value))
                .Append("</td><td>").Append(Number(Value(metrics.BudgetGranted, family)))
                .Append("</td><td>").Append(Number(Value(metrics.RateLimited, family))).Append("</td></tr>");
        }

        html.Append("</table><p>Share of the account's limits: ").Append(Number(metrics.BudgetShare.Value))
            .Append(". Scroll lifetime planned with: ").Append(Number(metrics.ScrollLifetime.Value)).Append(" s.</p>");
    }

    private static void AppendErrors(StringBuilder html, ExporterMetrics metrics)
    {
        html.Append("<h2>Errors since start</h2><table><tr><th>Event</th><th>Reason</th><th>Count</th></tr>");
        var any = false;
        foreach (var labels in metrics.RequestFailures.GetAllLabelValues().OrderBy(l => l[0], StringComparer.Ordinal))
        {
            var count = metrics.RequestFailures.WithLabels(labels).Value;
            if (count > 0)
            {
                any = true;
                html.Append("<tr><td><code>").Append(Encode(labels[0])).Append("</code></td><td>").Append(Encode(labels[1]))
                    .Append("</td><td class=\"bad\">").Append(Number(count)).Append("</td></tr>");
            }
        }

        if (!any)
        {
            html.Append("<tr><td colspan=\"3\">None.</td></tr>");
        }

        html.Append("</table>");
    }

    private static double Value(Prometheus.Counter counter, string label) =>
        counter.GetAllLabelValues().Any(l => l[0] == label) ? counter.WithLabels(label).Value : 0;

    private static string Age(Prometheus.Gauge gauge, string eventId, DateTimeOffset now)
    {
        if (!gauge.GetAllLabelValues().Any(l => l[0] == eventId))
        {
            return "&ndash;";
        }

        var at = DateTimeOffset.FromUnixTimeMilliseconds((long)(gauge.WithLabels(eventId).Value * 1000));
        return Encode($"{Time(at)} ({(int)(now - at).TotalSeconds} s ago)");
    }

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    private static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
