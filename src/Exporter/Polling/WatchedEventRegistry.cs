using Microsoft.Extensions.Options;
using Vbrick.Exporter.Aggregation;
using Vbrick.Exporter.Configuration;
using Vbrick.Exporter.Metrics;
using Vbrick.Exporter.Rev;
using Vbrick.Exporter.Sharding;

namespace Vbrick.Exporter.Polling;

/// <summary>
/// The events this replica watches: the configured ones (and configured post-event ones) it owns,
/// plus those discovery adds up to <c>Events:MaxDiscovered</c>; expired discovered events leave it,
/// configured ones stay. Created on first use, so start-up publishes nothing before the host runs.
/// </summary>
internal sealed partial class WatchedEventRegistry(
    IOptions<EventsOptions> events,
    ShardAssignment shard,
    EventLifecycle lifecycle,
    SessionAllowance allowance,
    ExporterMetrics metrics,
    TimeProvider time,
    ILogger<WatchedEventRegistry> logger)
{
    private List<WatchedEvent>? _items;

    public IReadOnlyList<WatchedEvent> Items => _items ??= Create();

    /// <summary>Adds the discovered events this replica owns, counting those left out by the cap.</summary>
    public void AddDiscovered(IReadOnlyList<ScheduledEvent> found)
    {
        var watched = _items ??= Create();
        var discovered = watched.Count(e => e.Source == EventOrigin.Discovered && !e.Expired);
        foreach (var candidate in found)
        {
            if (watched.Any(e => string.Equals(e.Id, candidate.Id, StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            if (!shard.Owns(candidate.Id))
            {
                // Another replica's: every replica discovers the same list and keeps its own part.
                continue;
            }

            if (discovered >= events.Value.MaxDiscovered)
            {
                // Counted each discovery round it is left out; it is taken once a slot frees.
                metrics.CountDiscoveredDropped(1);
                continue;
            }

            var added = New(candidate.Id, EventOrigin.Discovered, time.GetUtcNow());
            added.Title = candidate.Title;
            watched.Add(added);
            discovered++;
            Log.Discovered(logger, candidate.Id);
        }
    }

    /// <summary>Forgets expired events that were not configured (a configured one may come back).</summary>
    public void Forget(IEnumerable<WatchedEvent> expired)
    {
        foreach (var gone in expired.Where(e => e.Source != EventOrigin.Configured))
        {
            if (_items?.Remove(gone) == true)
            {
                gone.Audience.ReleaseSessions();
            }
        }
    }

    /// <summary>Round-robin: the index of the first event after <paramref name="last"/> that is due, else -1.</summary>
    public int NextDue(int last, Func<WatchedEvent, bool> due)
    {
        var watched = Items;
        for (var step = 1; step <= watched.Count; step++)
        {
            var index = (last + step + watched.Count) % watched.Count;
            if (due(watched[index]))
            {
                return index;
            }
        }

        return -1;
    }

    /// <summary>Publishes how many events are watched, by origin.</summary>
    public void Report()
    {
        metrics.SetTrackedSessionsLimit(allowance.Limit);
        foreach (var origin in Enum.GetValues<EventOrigin>())
        {
            metrics.SetWatchedEvents(origin, Items.Count(e => e.Source == origin && !e.Expired));
        }
    }

    private List<WatchedEvent> Create()
    {
        var settings = events.Value;
        var now = time.GetUtcNow();
        var list = settings.Ids
            .Select(EventIds.Canonical)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Where(shard.Owns)
            .Select(id => New(id, EventOrigin.Configured, now))
            .ToList();
        foreach (var id in settings.PostEventIds.Select(EventIds.Canonical).Distinct(StringComparer.OrdinalIgnoreCase).Where(shard.Owns))
        {
            if (list.Any(e => string.Equals(e.Id, id, StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            // Already over: straight to the post-event path, summaries fetched at start-up.
            var item = New(id, EventOrigin.PostEvent, now);
            item.Phase = EventPhase.Ended;
            lifecycle.MarkEnded(item, deleted: false);
            list.Add(item);
        }

        return list;
    }

    /// <summary>A watched event with the per-event caps from <c>Events:*</c>.</summary>
    private WatchedEvent New(string id, EventOrigin origin, DateTimeOffset now)
    {
        var settings = events.Value;
        return new WatchedEvent(id, origin, settings.LabelValueCap, now, settings.MaxSessionsPerEvent, settings.MaxCombinations, allowance);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 403, Level = LogLevel.Information, Message = "Discovered event {EventId}; watching it")]
        public static partial void Discovered(ILogger logger, string eventId);
    }
}
