using Vbrick.Exporter.PostEvent;
using Vbrick.Exporter.Tests.Support;
using static Vbrick.Exporter.Tests.Support.SimulatorScenarios;

namespace Vbrick.Exporter.Tests.PostEvent;

/// <summary>
/// The network team's post-event figures (issue 24): peak concurrency and its time, the
/// concurrency curve, eCDN and public-CDN viewing per zone, and Rev's own totals beside them. The
/// truth is computed here from the simulator's report by brute force, not by the exporter's code.
/// </summary>
public sealed class ConcurrencyAndDeliveryTests
{
    private static readonly Dictionary<string, string?> FastLimits = SimulatorScenarios.FastLimits();

    [Fact]
    public async Task Summary_CarriesThePeakItsTimeTheCurveAndTheDeliverySplit_AsTheReportHasThem()
    {
        var options = EndingEvent(viewers: 1_300, endsAfter: TimeSpan.FromMinutes(5));
        await using var harness = await ExporterHarness.StartAsync(options, FastLimits);
        await harness.RunForAsync(TimeSpan.FromMinutes(13));
        var scrape = harness.Scrape();
        var sessions = harness.Simulator.PostEvent(SmallEventId).Sessions(0);
        Assert.Equal(sessions.Count, scrape.Value("vbrick_webcast_post_event_sessions_total", ("run", "main")));

        // Brute force: the level at an instant is every usable session with entered <= t < exited;
        // a session without exitedDate is open until the latest instant the report records.
        var usable = sessions.Where(s => s.EnteredAt is not null).ToList();
        var reportEnd = usable.Select(s => s.EnteredAt!.Value).Concat(usable.Where(s => s.ExitedAt is not null).Select(s => s.ExitedAt!.Value)).Max();
        var intervals = usable.Select(s => (Start: s.EnteredAt!.Value, End: s.ExitedAt ?? reportEnd)).Where(i => i.End > i.Start).ToList();
        long Level(DateTimeOffset t) => intervals.Count(i => i.Start <= t && t < i.End);
        var starts = intervals.Select(i => i.Start).Distinct().Order().ToList();
        var peak = starts.Max(Level);
        var peakAt = starts.First(t => Level(t) == peak);

        Assert.True(peak > 100, $"a peak of {peak} proves little");
        Assert.Equal(peak, scrape.Value("vbrick_webcast_post_event_peak_concurrent_sessions", ("event_id", SmallEventId), ("run", "main")));
        Assert.Equal(peakAt.ToUnixTimeMilliseconds() / 1000.0, scrape.Value("vbrick_webcast_post_event_peak_timestamp_seconds", ("run", "main"))!.Value, 3);
        Assert.Equal(sessions.Count(s => s.EnteredAt is null), scrape.Value("vbrick_webcast_post_event_excluded_sessions_total", ("run", "main"), ("reason", "no_entered_date")));
        Assert.True(sessions.Any(s => s.EnteredAt is null), "the simulator must include sessions without a readable enteredDate");
        Assert.Equal(usable.Count(s => s.ExitedAt is null), scrape.Value("vbrick_webcast_post_event_open_sessions", ("run", "main")));
        Assert.True(usable.Any(s => s.ExitedAt is null), "the simulator must include sessions still open");

        // The curve: each bucket holds the highest level within it.
        var origin = intervals.Min(i => i.Start);
        var width = TimeSpan.FromSeconds(scrape.Value("vbrick_webcast_post_event_concurrency_bucket_seconds", ("run", "main"))!.Value);
        Assert.Equal(TimeSpan.FromMinutes(Math.Max(1, Math.Ceiling((reportEnd - origin).TotalMinutes / ConcurrencyCurve.MaxBuckets))), width);
        Assert.Equal(origin.ToUnixTimeMilliseconds() / 1000.0, scrape.Value("vbrick_webcast_post_event_concurrency_start_timestamp_seconds", ("run", "main"))!.Value, 3);
        var curve = scrape.Series("vbrick_webcast_post_event_concurrent_sessions", ("run", "main")).ToDictionary(s => double.Parse(s.Labels["minute"], System.Globalization.CultureInfo.InvariantCulture), s => s.Value);
        Assert.Equal((int)Math.Ceiling((reportEnd - origin) / width), curve.Count);
        foreach (var (minute, value) in curve.Select(p => (p.Key, p.Value)))
        {
            var from = origin + TimeSpan.FromMinutes(minute);
            var highest = starts.Where(t => t > from && t < from + width).Select(Level).Append(Level(from)).Max();
            Assert.True(highest == value, $"minute {minute}: {value}, truth {highest}");
        }

        Assert.Equal(peak, curve.Values.Max());

        // Delivery per zone, and Rev's own totals beside the sums.
        foreach (var zone in sessions.GroupBy(s => s.Viewer.Zone ?? "unknown"))
        {
            Assert.Equal(zone.Sum(s => s.ECdnSeconds), scrape.Series("vbrick_webcast_post_event_ecdn_seconds_total", ("run", "main"), ("zone", zone.Key)).Sum(s => s.Value), 3);
            Assert.Equal(zone.Sum(s => s.PublicCdnSeconds), scrape.Series("vbrick_webcast_post_event_public_cdn_seconds_total", ("run", "main"), ("zone", zone.Key)).Sum(s => s.Value), 3);
        }

        Assert.True(sessions.Sum(s => s.ECdnSeconds) > 0 && sessions.Sum(s => s.PublicCdnSeconds) > 0);
        Assert.Equal(sessions.Sum(s => s.ECdnSeconds), scrape.Value("vbrick_webcast_post_event_rev_cdn_seconds", ("run", "main"), ("delivery", "ecdn")));
        Assert.Equal(sessions.Sum(s => s.PublicCdnSeconds), scrape.Value("vbrick_webcast_post_event_rev_cdn_seconds", ("run", "main"), ("delivery", "public_cdn")));

        // Rev's other first-page figures, beside the exporter's own (computed here from the report's sessions).
        var hosts = sessions.Count(s => s.Viewer.AttendeeType == "Host");
        var moderators = sessions.Count(s => s.Viewer.AttendeeType == "Moderator");
        Assert.Equal(hosts, scrape.Value("vbrick_webcast_post_event_rev_audience", ("run", "main"), ("role", "host")));
        Assert.Equal(moderators, scrape.Value("vbrick_webcast_post_event_rev_audience", ("run", "main"), ("role", "moderator")));
        Assert.Equal(sessions.Count - hosts - moderators, scrape.Value("vbrick_webcast_post_event_rev_audience", ("run", "main"), ("role", "attendee")));
        var buffered = sessions.Where(s => s.Viewer.BufferingCount > 0).ToList();
        Assert.Equal(Math.Round(100.0 * buffered.Count / sessions.Count) / 100, scrape.Value("vbrick_webcast_post_event_rev_rebuffering_ratio", ("run", "main"))!.Value, 6);
        Assert.Equal(Math.Round(buffered.Average(s => s.Viewer.BufferingSeconds / s.Viewer.BufferingCount), 3), scrape.Value("vbrick_webcast_post_event_rev_rebuffer_duration_average_seconds", ("run", "main"))!.Value, 6);
        Assert.Equal(Math.Round(sessions.Sum(s => s.Viewer.Errors) / sessions.Count, 4), scrape.Value("vbrick_webcast_post_event_rev_errors_per_attendee", ("run", "main"))!.Value, 6);
        Assert.Equal(Math.Round(sessions.Sum(s => s.Viewer.MulticastFailovers) / sessions.Count, 4), scrape.Value("vbrick_webcast_post_event_rev_multicast_errors_per_attendee", ("run", "main"))!.Value, 6);

        // Start-up delay per zone: viewingStartTime - enteredDate of every session that played.
        var playing = sessions.Where(s => s.EnteredAt is not null && s.ViewingStartAt is not null).ToList();
        Assert.True(playing.Count < sessions.Count, "the simulator must include sessions that never played");
        foreach (var zone in playing.GroupBy(s => s.Viewer.Zone ?? "unknown"))
        {
            var delays = zone.Select(s => (s.ViewingStartAt!.Value - s.EnteredAt!.Value).TotalSeconds).ToList();
            Assert.Equal(delays.Count, scrape.Value("vbrick_webcast_post_event_startup_delay_seconds_count", ("run", "main"), ("zone", zone.Key)));
            Assert.Equal(delays.Sum(), scrape.Value("vbrick_webcast_post_event_startup_delay_seconds_sum", ("run", "main"), ("zone", zone.Key))!.Value, 3);
            Assert.Equal(delays.Count(d => d <= 5), scrape.Value("vbrick_webcast_post_event_startup_delay_seconds_bucket", ("run", "main"), ("zone", zone.Key), ("le", "5")));
        }

        // The slow office stands out: none of its sessions started within 8 s.
        Assert.Equal(0, scrape.Value("vbrick_webcast_post_event_startup_delay_seconds_bucket", ("run", "main"), ("zone", "Singapore Office"), ("le", "8")));

        // The status page leads with the peak, as a town-hall report does.
        var metrics = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Vbrick.Exporter.Metrics.ExporterMetrics>(harness.Services);
        var snapshot = await Vbrick.Exporter.Metrics.StatusSnapshot.CaptureAsync(metrics, TestContext.Current.CancellationToken);
        var row = Assert.Single(snapshot.Events);
        Assert.Equal(peak, row.Peak);
        Assert.Equal(peakAt.ToUnixTimeSeconds(), row.PeakAt!.Value.ToUnixTimeSeconds());
        var page = Vbrick.Exporter.Web.StatusPage.Render(snapshot, harness.Time.GetUtcNow());
        Assert.Contains(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{peak:N0} at {peakAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC"), page, StringComparison.Ordinal);
    }

    [Fact]
    public void Curve_EdgeCases_AreTheDocumentedRules()
    {
        var t0 = new DateTimeOffset(2026, 12, 6, 9, 0, 0, TimeSpan.Zero);
        var curve = new ConcurrencyCurve();

        curve.Add(t0, t0.AddMinutes(10));
        curve.Add(t0.AddMinutes(10), t0.AddMinutes(20)); // touches the first: no overlap
        curve.Add(t0.AddMinutes(5), null);                // open until the report's last instant (20 min)
        curve.Add(null, t0.AddMinutes(3));                // no enteredDate: left out
        curve.Add(t0.AddMinutes(8), t0.AddMinutes(7));    // exits before it enters: left out
        curve.Add(t0.AddMinutes(2), t0.AddMinutes(2));    // zero length: never concurrent
        var summary = curve.Build();

        Assert.Equal(2, summary.Peak);
        Assert.Equal(t0.AddMinutes(5), summary.PeakAt);
        Assert.Equal(1, summary.MissingEntered);
        Assert.Equal(1, summary.ExitedBeforeEntered);
        Assert.Equal(1, summary.OpenAtEnd);
        Assert.Equal(TimeSpan.FromMinutes(1), summary.BucketWidth);
        Assert.Equal(20, summary.Buckets.Count);
        Assert.Equal([1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2], summary.Buckets);
    }

    [Fact]
    public void Curve_OfALongWebcast_HasAtMost120Buckets_OfWholeMinutes()
    {
        var t0 = new DateTimeOffset(2026, 12, 6, 9, 0, 0, TimeSpan.Zero);
        var curve = new ConcurrencyCurve();
        curve.Add(t0, t0.AddHours(5));

        var summary = curve.Build();

        Assert.Equal(TimeSpan.FromMinutes(3), summary.BucketWidth);
        Assert.Equal(100, summary.Buckets.Count);
        Assert.All(summary.Buckets, b => Assert.Equal(1, b));
    }

    [Fact]
    public void Curve_WithNoUsableSession_HasNoPeak()
    {
        var curve = new ConcurrencyCurve();
        curve.Add(null, null);

        var summary = curve.Build();

        Assert.Null(summary.PeakAt);
        Assert.Equal(1, summary.MissingEntered);
    }
}
