using Microsoft.Extensions.Options;
using Vbrick.Exporter.Configuration;
using Vbrick.Exporter.Metrics;
using Vbrick.Exporter.Rev;

namespace Vbrick.Exporter.Polling;

/// <summary>
/// Finds live and starting webcasts: those whose window overlaps [now, now + lookahead] in Rev's
/// scheduled-events search (<c>after</c> filters on the end date, <c>before</c> on the start date).
/// Their status checks then decide whether they are really live.
/// </summary>
internal sealed partial class EventDiscovery(
    RevClient client,
    IOptions<EventsOptions> options,
    ExporterMetrics metrics,
    TimeProvider time,
    ILogger<EventDiscovery> logger)
{
    private readonly HashSet<string> _excluded = options.Value.Exclude.Select(EventIds.Canonical).ToHashSet(StringComparer.OrdinalIgnoreCase);

    public bool Enabled => options.Value.Discover;

    public DateTimeOffset NextRunAt { get; private set; } = DateTimeOffset.MinValue;

    /// <returns>Ids of candidate events (exclusions removed), or none when the search failed.</returns>
    public async Task<IReadOnlyList<ScheduledEvent>> FindAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        NextRunAt = now + options.Value.DiscoverInterval;
        try
        {
            var found = await client.ListEventsAsync(now, now + options.Value.DiscoverLookahead, cancellationToken);
            metrics.Service.CountDiscovery(succeeded: true);
            return [.. found.Where(e => !_excluded.Contains(e.Id))];
        }
        catch (RevApiException ex)
        {
            metrics.Service.CountDiscovery(succeeded: false);
            Log.Failed(logger, ex.Reason, ex.Message);
            return [];
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 600, Level = LogLevel.Warning, Message = "Event discovery failed ({Reason}): {Detail}")]
        public static partial void Failed(ILogger logger, string reason, string detail);
    }
}
