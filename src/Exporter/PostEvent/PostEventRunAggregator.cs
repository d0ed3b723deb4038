using Vbrick.Exporter.Rev;

namespace Vbrick.Exporter.PostEvent;

/// <summary>Pure: report sessions in, one run's summary out.</summary>
public sealed class PostEventRunAggregator(string run, string source, PostEventLabels labels)
{
    private readonly Dictionary<(int Zone, int Browser, int Device, int Stream), PostEventSeries> _series = [];
    private readonly List<double> _viewing = [];
    private readonly Dictionary<string, long> _unparsable = new(StringComparer.Ordinal) { ["viewing_time"] = 0, ["session_time"] = 0, ["ecdn_time"] = 0, ["public_cdn_time"] = 0 };
    private readonly ConcurrencyCurve _concurrency = new();
    private double? _revECdnSeconds;
    private double? _revPublicCdnSeconds;
    private ReportSummary? _revSummary;
    private readonly Dictionary<string, List<double>> _startupDelays = new(StringComparer.Ordinal);
    private long _viewingBeforeEntered;

    public long Sessions { get; private set; }

    private long _rebufferPastSessionTime;

    public void Add(PostEventSession session)
    {
        Sessions++;
        var key = (
            labels.Zones.Resolve(session.Zone),
            labels.Browsers.Resolve(session.Browser),
            labels.DeviceTypes.Resolve(session.DeviceType),
            labels.StreamAccessed.Resolve(session.StreamAccessed));
        if (!_series.TryGetValue(key, out var series))
        {
            series = new PostEventSeries(labels.Zones[key.Item1], labels.Browsers[key.Item2], labels.DeviceTypes[key.Item3], labels.StreamAccessed[key.Item4]);
            _series[key] = series;
        }

        series.Sessions++;
        if (session.ViewerKey is { } viewer)
        {
            series.ViewerKeys.Add(viewer);
        }
        else
        {
            series.AnonymousSessions++;
        }

        if (Duration(session.ViewingTime, "viewing_time") is { } viewing)
        {
            series.ViewingSeconds = (series.ViewingSeconds ?? 0) + viewing;
            _viewing.Add(viewing);
        }

        if (Duration(session.SessionTime, "session_time") is { } sessionSeconds)
        {
            series.SessionSeconds = (series.SessionSeconds ?? 0) + sessionSeconds;
            if (session.RebufferDuration is { } rebuffer && SessionAge.Exceeded(rebuffer, sessionSeconds))
            {
                _rebufferPastSessionTime++;
            }
        }

        if (Duration(session.ECdnTime, "ecdn_time") is { } ecdn)
        {
            series.ECdnSeconds = (series.ECdnSeconds ?? 0) + ecdn;
        }

        if (Duration(session.PublicCdnTime, "public_cdn_time") is { } publicCdn)
        {
            series.PublicCdnSeconds = (series.PublicCdnSeconds ?? 0) + publicCdn;
        }

        _concurrency.Add(session.EnteredAt, session.ExitedAt);
        if (session.EnteredAt is { } entered && session.ViewingStartAt is { } playing)
        {
            // How long the viewer waited for video; a session that never played has no delay.
            var delay = (playing - entered).TotalSeconds;
            if (delay < 0)
            {
                _viewingBeforeEntered++;
            }
            else
            {
                if (!_startupDelays.TryGetValue(series.Zone, out var delays))
                {
                    _startupDelays[series.Zone] = delays = [];
                }

                delays.Add(delay);
            }
        }

        series.ExperiencedErrors = Sum(series.ExperiencedErrors, session.ExperiencedErrors);
        series.MulticastErrors = Sum(series.MulticastErrors, session.MulticastErrors);
        series.BufferEvents = Sum(series.BufferEvents, session.BufferEvents);
        series.RebufferEvents = Sum(series.RebufferEvents, session.RebufferEvents);
        series.RebufferSeconds = Sum(series.RebufferSeconds, session.RebufferDuration);
    }

    /// <summary>Rev's own event-wide CDN totals, from the report's first page (kept apart from the sessions' sums).</summary>
    public void AddRevTotals(string? eCdnTime, string? publicCdnTime, ReportSummary? summary = null)
    {
        _revSummary ??= summary;
        _revECdnSeconds ??= eCdnTime is not null && DurationParser.TryParseSeconds(eCdnTime, out var ecdn) ? ecdn : null;
        _revPublicCdnSeconds ??= publicCdnTime is not null && DurationParser.TryParseSeconds(publicCdnTime, out var publicCdn) ? publicCdn : null;
    }

    public PostEventRun Build()
    {
        return new(run, source, [.. _series.Values], _viewing, _unparsable)
        {
            RebufferPastSessionTime = _rebufferPastSessionTime,
            Concurrency = _concurrency.Build(),
            RevECdnSeconds = _revECdnSeconds,
            RevPublicCdnSeconds = _revPublicCdnSeconds,
            RevSummary = _revSummary,
            StartupDelays = _startupDelays.ToDictionary(z => z.Key, z => (IReadOnlyList<double>)z.Value, StringComparer.Ordinal),
            ViewingBeforeEntered = _viewingBeforeEntered,
        };
    }

    // A field absent from every session stays null, so it never becomes a made-up zero.
    private static double? Sum(double? total, double? value) => value is { } v ? (total ?? 0) + v : total;

    private double? Duration(string? text, string field)
    {
        if (text is null)
        {
            return null;
        }

        if (DurationParser.TryParseSeconds(text, out var seconds))
        {
            return seconds;
        }

        _unparsable[field]++;
        return null;
    }
}
