using System.Globalization;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Vbrick.Exporter.Hosting;
using Vbrick.Exporter.Metrics;
using Vbrick.Exporter.Polling;
using Vbrick.Rev.Simulator;
using Vbrick.Rev.Simulator.Audience;

namespace Vbrick.Exporter.Benchmarks;

/// <summary>
/// Freshness under Rev's real limits: 2 real-time requests a minute, scrolls forgotten after 60 s,
/// 1, 3 or 10 live webcasts of 1,000 to 100,000 viewers each, for two hours of fake time. The first
/// webcast has a rebuffering spike in a 5% office zone 15 minutes in: how long until the zone's
/// zone rebuffering alert fires (its rule evaluated every 15 s on the exporter's series), and does
/// it fire for any other zone or event, or for the zone before the spike. And how old each zone's
/// head count gets (every zone of at least 0.5% of the audience), against its floor.
/// </summary>
public static class FreshnessRun
{
    private const string SpikeZone = "Oslo Office";
    private static readonly DateTimeOffset Epoch = new(2026, 11, 28, 10, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan SpikeOnset = TimeSpan.FromMinutes(15);

    public static async Task RunAsync(TextWriter output, IReadOnlyList<int> eventCounts, IReadOnlyList<int> sizes, IReadOnlyDictionary<string, string?> settings)
    {
        await output.WriteLineAsync("| events | viewers each | zones | mode | sweep floor | sweeps per event (min-max) | worst breakdown age | zone count floor | worst zone count age | worst figures age | spike alert after | false alerts | expired scrolls | 429s |");
        await output.WriteLineAsync("|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var count in eventCounts)
        {
            foreach (var size in sizes)
            {
                await output.WriteLineAsync(await RunScenarioAsync(count, size, settings));
            }
        }
    }

    private static async Task<string> RunScenarioAsync(int eventCount, int viewers, IReadOnlyDictionary<string, string?> settings)
    {
        var time = new FakeTimeProvider(Epoch);
        var zones = settings.TryGetValue("Bench:Zones", out var zoneSet) && zoneSet == "20" ? ZoneSets.TwentyZones : ZoneSets.FiveZones;
        var countable = zones.Where(z => z.Zone is not null && z.Weight >= 0.005).Select(z => z.Zone!).ToArray();
        var options = new RevSimulatorOptions
        {
            RealtimeRequestsPerMinute = 2,
            // The tenant's lifetime is the one the exporter is told (Rev:ScrollLifetime), 60 s unless given.
            ScrollLifetime = settings.TryGetValue("Rev:ScrollLifetime", out var lifetime) && lifetime is not null ? TimeSpan.Parse(lifetime, CultureInfo.InvariantCulture) : TimeSpan.FromSeconds(60),
            Events = [.. Enumerable.Range(0, eventCount).Select(i => new SimulatedEvent
            {
                Id = $"00000000-0000-4000-8000-{i:D12}",
                Viewers = viewers,
                Seed = i + 1,
                StartsAt = Epoch - TimeSpan.FromMinutes(30),
                Duration = TimeSpan.FromHours(5),
                Zones = zones,
                Spike = i == 0 ? new RebufferSpike(SpikeZone, TimeSpan.FromMinutes(30) + SpikeOnset, TimeSpan.FromMinutes(40), AffectedShare: 0.5) : null,
            })],
        };
        await using var simulator = new RevSimulator(options, time);
        await simulator.StartAsync();

        var services = new ServiceCollection();
        services.AddLogging(b =>
        {
            b.SetMinimumLevel(LogLevel.Warning);

            // BENCH_TRACE=1 prints the planner's every real-time request, to see where the slots went.
            if (Environment.GetEnvironmentVariable("BENCH_TRACE") == "1")
            {
                b.AddSimpleConsole(o => o.SingleLine = true);
                b.AddFilter("Vbrick.Exporter.Polling.RealtimeSweeper", LogLevel.Debug);
            }
        });
        services.AddSingleton<TimeProvider>(time);
        services.AddExporterCore(new ConfigurationBuilder().AddInMemoryCollection(simulator.ClientSettings()).AddInMemoryCollection(settings).Build());
        await using var provider = services.BuildServiceProvider();
        var poller = provider.GetRequiredService<AttendeePollingService>();
        var registry = provider.GetRequiredService<ExporterMetrics>().Registry;
        var ids = options.Events.Select(e => e.Id).ToArray();

        var length = settings.TryGetValue("Bench:Hours", out var hours) && hours is not null ? TimeSpan.FromHours(double.Parse(hours, CultureInfo.InvariantCulture)) : TimeSpan.FromHours(2);
        var end = Epoch + length;
        var nextLook = Epoch + TimeSpan.FromSeconds(15);
        var worstBreakdown = 0.0;
        var worstFigures = 0.0;
        var worstZone = 0.0;
        var missingZone = false;

        // Zone counts are judged once every zone could have had its first count: after 1.5 times the
        // census floor (at the configured figures bound), and never before 20 minutes.
        var firstCountsBy = TimeSpan.FromSeconds(Math.Max(20 * 60, 1.5 * CensusFloor(eventCount, zones, 300)));
        TimeSpan? detected = null;
        var falseAlarms = 0;
        var alert = new ZoneSpikeAlert(Epoch + SpikeOnset);
        while (time.GetUtcNow() < end)
        {
            var delay = await poller.PollOnceAsync(CancellationToken.None);
            var step = delay <= TimeSpan.Zero ? TimeSpan.FromMilliseconds(1) : delay;
            var now = time.GetUtcNow();
            while (nextLook <= now + step && nextLook < end)
            {
                // Looked at every 15 s like a Prometheus scrape; ages are judged after the first
                // 20 minutes, once every event had its first chance at a sweep.
                var scrape = await ScrapeAsync(registry);
                var at = nextLook.ToUnixTimeMilliseconds() / 1000.0;
                if (nextLook - Epoch >= TimeSpan.FromMinutes(20))
                {
                    foreach (var id in ids)
                    {
                        worstFigures = Math.Max(worstFigures, at - scrape.Value($"vbrick_webcast_figures_timestamp_seconds{{event_id=\"{id}\"}}", 0));
                        if (scrape.Value($"vbrick_webcast_sweep_timestamp_seconds{{event_id=\"{id}\"}}", 0) is var swept and > 0)
                        {
                            worstBreakdown = Math.Max(worstBreakdown, at - swept);
                        }

                        foreach (var zone in nextLook - Epoch >= firstCountsBy ? countable : [])
                        {
                            var counted = scrape.Value($"vbrick_webcast_zone_attendees_timestamp_seconds{{event_id=\"{id}\",zone=\"{zone}\"}}", 0);
                            missingZone |= counted == 0;
                            worstZone = counted > 0 ? Math.Max(worstZone, at - counted) : worstZone;
                        }
                    }
                }

                foreach (var (key, spiking) in alert.Fire(scrape, nextLook))
                {
                    var inSpike = spiking && key.Contains(ids[0], StringComparison.Ordinal) && key.Contains(SpikeZone, StringComparison.Ordinal);
                    if (inSpike && nextLook >= Epoch + SpikeOnset)
                    {
                        detected ??= nextLook - Epoch - SpikeOnset;
                    }
                    else
                    {
                        falseAlarms++;
                    }
                }

                nextLook += TimeSpan.FromSeconds(15);
            }

            time.Advance(now + step > end ? end - now : step);
        }

        var final = await ScrapeAsync(registry);
        var sweeps = ids.Select(id => final.Value($"vbrick_webcast_sweeps_total{{event_id=\"{id}\",outcome=\"completed\"}}", 0)).ToArray();
        // Floor: every slot spent on full sweeps, shared by all events: pages of all of them x slot.
        var floor = ids.Sum(id => Math.Ceiling(simulator.Audience(id).FiguresAt(end).Total / 500.0)) * 30;
        var modes = ids.Select(id => final.Value($"vbrick_webcast_realtime_mode{{event_id=\"{id}\",mode=\"full\"}}", 0) == 1 ? "full" : "sampled").Distinct().ToList();

        // A zone count's floor: a full event's sweep counts every zone, so the sweep floor; a sampled
        // event's census takes one request per zone, in the slots the figures bound leaves (one
        // first page per event and bound).
        var bound = TimeSpan.FromSeconds(final.Value("vbrick_exporter_figures_bound_seconds", 300)).TotalSeconds;
        var zoneFloor = modes.SequenceEqual(["full"]) ? floor : CensusFloor(eventCount, zones, bound);
        var zoneAge = missingZone ? "missing" : $"{worstZone:0} s ({worstZone / zoneFloor:0.00}x)";
        return string.Create(CultureInfo.InvariantCulture,
            $"| {eventCount} | {viewers:N0} | {countable.Length} | {string.Join("/", modes)} | {floor:0} s | {sweeps.Min():0}-{sweeps.Max():0} | {(worstBreakdown > 0 ? $"{worstBreakdown:0} s" : "-")} | {zoneFloor:0} s | {zoneAge} | {worstFigures:0} s | {(detected is { } d ? $"{d.TotalSeconds:0} s" : "never")} | {falseAlarms} | {simulator.Stats.ScrollsExpired} | {simulator.Stats.RateLimited} |");
    }

    /// <summary>
    /// One census page per named zone and event, in the slots the figures bound leaves: one first page
    /// per event every bound less a slot, since a read that falls due may wait up to a slot for the
    /// budget and the bound is a guarantee, not a target.
    /// </summary>
    private static double CensusFloor(int events, IReadOnlyList<(string? Zone, double Weight, bool Office)> zones, double boundSeconds) =>
        events * zones.Count(z => z.Zone is not null) * 30 / (1 - Math.Min(0.9, events * 30 / (boundSeconds - 30)));

    /// <summary>
    /// VbrickWebcastZoneRebufferingSpike as alerts/vbrick-webcast.rules.yml writes it: ratio above 0.4
    /// over at least 20 sessions, and above twice the zone's own average (over samples of 20 or
    /// more) over the hour ending 10 minutes ago (at least 0.1) or with no such history, held for 2 minutes.
    /// </summary>
    private sealed class ZoneSpikeAlert(DateTimeOffset onset)
    {
        private readonly Dictionary<string, List<(DateTimeOffset At, double Ratio)>> _history = new(StringComparer.Ordinal);
        private readonly Dictionary<string, DateTimeOffset> _pendingSince = new(StringComparer.Ordinal);
        private readonly HashSet<string> _firing = new(StringComparer.Ordinal);

        /// <summary>Series that start firing at this evaluation, each with whether it went pending after the onset.</summary>
        public List<(string Key, bool AfterOnset)> Fire(Exposition scrape, DateTimeOffset now)
        {
            var started = new List<(string Key, bool AfterOnset)>();
            foreach (var (key, ratio) in scrape.Series("vbrick_webcast_zone_rebuffering_ratio{"))
            {
                var history = _history.TryGetValue(key, out var h) ? h : _history[key] = [];
                var sessions = scrape.Value(key.Replace("vbrick_webcast_zone_rebuffering_ratio", "vbrick_webcast_zone_quality_sample_sessions", StringComparison.Ordinal), 0);

                // vbrick:webcast_zone_rebuffering_ratio_trusted: the history holds ratios over 20 sessions or more.
                if (sessions >= 20)
                {
                    history.Add((now, ratio));
                }

                var past = history.Where(p => p.At >= now - TimeSpan.FromMinutes(70) && p.At <= now - TimeSpan.FromMinutes(10)).Select(p => p.Ratio).ToList();
                var condition = ratio > 0.4 && sessions >= 20 && (past.Count == 0 || ratio > 2 * Math.Max(past.Average(), 0.1));
                if (!condition)
                {
                    _pendingSince.Remove(key);
                    _firing.Remove(key);
                    continue;
                }

                var since = _pendingSince.TryGetValue(key, out var s) ? s : _pendingSince[key] = now;
                if (now - since >= TimeSpan.FromMinutes(2) && _firing.Add(key))
                {
                    started.Add((key, since >= onset));
                }
            }

            return started;
        }
    }

    private static async Task<Exposition> ScrapeAsync(Prometheus.CollectorRegistry registry)
    {
        using var stream = new MemoryStream();
        await registry.CollectAndExportAsTextAsync(stream);
        return new Exposition(Encoding.UTF8.GetString(stream.ToArray()));
    }

    /// <summary>The text exposition as series key (name and labels, as written) to value.</summary>
    private sealed class Exposition(string text)
    {
        private readonly Dictionary<string, double> _series = Parse(text);

        public double Value(string key, double missing) => _series.TryGetValue(key, out var v) ? v : missing;

        public IEnumerable<KeyValuePair<string, double>> Series(string prefix) =>
            _series.Where(s => s.Key.StartsWith(prefix, StringComparison.Ordinal));

        private static Dictionary<string, double> Parse(string text)
        {
            var series = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var line in text.Split('\n'))
            {
                var space = line.LastIndexOf(' ');
                if (line.Length == 0 || line[0] == '#' || space < 0)
                {
                    continue;
                }

                series[line[..space]] = double.Parse(line[(space + 1)..], CultureInfo.InvariantCulture);
            }

            return series;
        }
    }
}
