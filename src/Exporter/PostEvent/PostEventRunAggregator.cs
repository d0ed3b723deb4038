using Vbrick.Exporter.Rev;

namespace Vbrick.Exporter.PostEvent;

/// <summary>Pure: report sessions in, one run's summary out.</summary>
public sealed class PostEventRunAggregator(string run, string source, PostEventLabels labels)
{
    private readonly Dictionary<(int Zone, int Browser, int Device, int Stream), PostEventSeries> _series = [];
    private readonly List<double> _viewing = [];
    private readonly Dictionary<string, long> _unparsable = new(StringComparer.Ordinal) { ["viewing_time"] = 0, ["session_time"] = 0 };

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

        series.ExperiencedErrors = Sum(series.ExperiencedErrors, session.ExperiencedErrors);
        series.MulticastErrors = Sum(series.MulticastErrors, session.MulticastErrors);
        series.BufferEvents = Sum(series.BufferEvents, session.BufferEvents);
        series.RebufferEvents = Sum(series.RebufferEvents, session.RebufferEvents);
        series.RebufferSeconds = Sum(series.RebufferSeconds, session.RebufferDuration);
    }

    public PostEventRun Build() => new(run, source, [.. _series.Values], _viewing, _unparsable) { RebufferPastSessionTime = _rebufferPastSessionTime };

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
