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
    private EventsOptions? _reloaded;

    public IReadOnlyList<WatchedEvent> Items => _items ??= Create();

    /// <summary>Set when a reload brings new <c>Events:Ids</c> / <c>Events:PostEventIds</c>: the loop wakes to apply them.</summary>
    public event Action? ReloadPending;

    /// <summary>True between a reload and the loop step that applies it.</summary>
    public bool HasPendingReload => Volatile.Read(ref _reloaded) is not null;

    /// <summary>
    /// Takes a reloaded, valid <c>Events</c> section; the polling loop applies it at its next step
    /// (<see cref="ApplyReload"/>), so the watched list only ever changes on the loop's thread.
    /// </summary>
    public void Reloaded(EventsOptions settings)
    {
        Volatile.Write(ref _reloaded, settings);
        ReloadPending?.Invoke();
    }

    /// <summary>
    /// Applies the latest reload: configured events that left the lists stop being watched (their
    /// series removed, their session places freed), new ones are watched; every other event keeps
    /// its state and running totals. Returns how many were added and removed.
    /// </summary>
    public (int Added, int Removed) ApplyReload(EventLifecycle unwatch)
    {
        if (Interlocked.Exchange(ref _reloaded, null) is not { } settings)
        {
            return (0, 0);
        }

        var watched = _items ??= Create();
        var live = Owned(settings.Ids);
        var ended = Owned(settings.PostEventIds).Where(id => !live.Contains(id)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var removed = 0;
        foreach (var gone in watched.Where(e => e.Source == EventOrigin.Configured && !live.Contains(e.Id)
            || e.Source == EventOrigin.PostEvent && !ended.Contains(e.Id)).ToList())
        {
            unwatch.Unwatch(gone);
            watched.Remove(gone);
            gone.Audience.ReleaseSessions();
            removed++;
            Log.Unwatched(logger, gone.Id);
        }

        var now = time.GetUtcNow();
        var added = 0;
        foreach (var id in live.Where(id => !watched.Any(e => string.Equals(e.Id, id, StringComparison.OrdinalIgnoreCase))))
        {
            watched.Add(New(id, EventOrigin.Configured, now));
            added++;
            Log.Watching(logger, id);
        }

        foreach (var id in ended.Where(id => !watched.Any(e => string.Equals(e.Id, id, StringComparison.OrdinalIgnoreCase))))
        {
            watched.Add(PostEventItem(id, now));
            added++;
            Log.Watching(logger, id);
        }

        return (added, removed);
    }

    private HashSet<string> Owned(IEnumerable<string> ids) =>
        ids.Select(EventIds.Canonical).Where(shard.Owns).ToHashSet(StringComparer.OrdinalIgnoreCase);

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
                metrics.Service.CountDiscoveredDropped(1);
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
        metrics.Service.SetTrackedSessionsLimit(allowance.Limit);
        foreach (var origin in Enum.GetValues<EventOrigin>())
        {
            metrics.Service.SetWatchedEvents(origin, Items.Count(e => e.Source == origin && !e.Expired));
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

            list.Add(PostEventItem(id, now));
        }

        return list;
    }

    /// <summary>Already over: straight to the post-event path, its summary fetched at once.</summary>
    private WatchedEvent PostEventItem(string id, DateTimeOffset now)
    {
        var item = New(id, EventOrigin.PostEvent, now);
        item.Phase = EventPhase.Ended;
        lifecycle.MarkEnded(item, deleted: false);
        return item;
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

        [LoggerMessage(EventId = 404, Level = LogLevel.Information, Message = "Configuration reloaded: watching event {EventId}")]
        public static partial void Watching(ILogger logger, string eventId);

        [LoggerMessage(EventId = 405, Level = LogLevel.Information, Message = "Configuration reloaded: event {EventId} is no longer configured; its series are removed")]
        public static partial void Unwatched(ILogger logger, string eventId);
    }
}
