using Vbrick.Exporter.Rev;

namespace Vbrick.Exporter.Aggregation;

/// <summary>
/// Reads one sample page: a first page whose scroll is never continued. Each session's reading is
/// committed at once (the page is complete in itself), so counters move by the same per-session
/// deltas a sweep would count, and the readings feed the quality window. It publishes no gauge of
/// its own: attendee counts and histograms come from complete sweeps only.
/// </summary>
public sealed class SampleAccumulator : IAttendeeSink
{
    private readonly EventAudience _audience;
    private readonly DateTimeOffset _at;
    private readonly Dictionary<AudienceKey, RunningTotals> _increases = [];

    internal SampleAccumulator(EventAudience audience, DateTimeOffset at)
    {
        _audience = audience;
        _at = at;
    }

    /// <summary>Records with a session id this page carried.</summary>
    public int Sessions { get; private set; }

    public void Add(in AttendeeRecord record)
    {
        var sessionId = record.SessionId.Trim();
        if (sessionId.IsEmpty)
        {
            return;
        }

        Sessions++;
        if (_audience.FindOrTrack(sessionId) is not { } session)
        {
            return;
        }

        var key = _audience.KeyOf(record);
        var reading = AttendeeReading.Totals(record, session.HasCommitted ? session.Committed : default, ref _audience.ImplausibleReadings);
        var increase = EventAudience.Commit(session, reading, _audience.NextReadingSeq++, !session.HasCommitted && _audience.StartedWhileWatched(in record));
        _increases[key] = _increases.GetValueOrDefault(key) + increase;
        AttendeeReading.RecordQuality(_audience, session, key.Zone, AttendeeReading.StatusOf(record.Status), record, _at);
    }

    /// <summary>What the page added to each combination's counters, with its label values.</summary>
    public IReadOnlyList<AudienceIncrease> Increases() =>
        [.. _increases.Select(i => new AudienceIncrease(
            _audience.Zones[i.Key.Zone],
            _audience.StreamTypes[i.Key.StreamType],
            _audience.Browsers[i.Key.Browser],
            i.Value))];
}
