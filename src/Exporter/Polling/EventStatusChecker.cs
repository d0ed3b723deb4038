using Vbrick.Exporter.Metrics;
using Vbrick.Exporter.Rev;

namespace Vbrick.Exporter.Polling;

/// <summary>Keeps an event's title and state current from Rev's status endpoint (GET family, own cadence).</summary>
internal sealed partial class EventStatusChecker(
    RevClient client,
    EventLifecycle lifecycle,
    WebcastPublisher publisher,
    TimeProvider time,
    Microsoft.Extensions.Options.IOptions<PollingOptions> options,
    ILogger<EventStatusChecker> logger)
{
    public async Task CheckAsync(WatchedEvent watched, CancellationToken cancellationToken)
    {
        watched.NextStatusAt = time.GetUtcNow() + options.Value.StatusInterval;
        EventStatus status;
        try
        {
            status = await client.GetEventStatusAsync(watched.Id, cancellationToken);
        }
        catch (RevApiException ex) when (ex.Kind == RevErrorKind.NotFound)
        {
            // Deleted while watched (or never existed): nothing more to poll live.
            status = new EventStatus(LabelTitleOrUnknown(watched), "Deleted", EventPhase.Ended);
            publisher.PublishRequestOutcome(watched.Id, success: false, time.GetUtcNow(), ex.Reason);
        }
        catch (RevApiException ex)
        {
            Log.StatusFailed(logger, watched.Id, ex.Reason, ex.Message);
            publisher.PublishRequestOutcome(watched.Id, success: false, time.GetUtcNow(), ex.Reason);
            return;
        }

        watched.Title = status.Title;
        publisher.PublishEventInfo(watched.Id, Aggregation.LabelSanitizer.Clean(status.Title), status.RawStatus);
        if (status.Phase != watched.Phase)
        {
            Log.PhaseChanged(logger, watched.Id, watched.Phase, status.Phase, status.RawStatus);
            watched.Phase = status.Phase;
        }

        if (status.Phase == EventPhase.Ended)
        {
            lifecycle.MarkEnded(watched, deleted: string.Equals(status.RawStatus, "Deleted", StringComparison.OrdinalIgnoreCase));
        }

        lifecycle.PublishStage(watched);
    }

    private static string LabelTitleOrUnknown(WatchedEvent watched) => watched.Title ?? "unknown";

    private static partial class Log
    {
        [LoggerMessage(EventId = 300, Level = LogLevel.Information, Message = "Event {EventId} moved from {From} to {To} (Rev status {RawStatus})")]
        public static partial void PhaseChanged(ILogger logger, string eventId, EventPhase from, EventPhase to, string rawStatus);

        [LoggerMessage(EventId = 301, Level = LogLevel.Warning, Message = "Status check of event {EventId} failed ({Reason}): {Detail}")]
        public static partial void StatusFailed(ILogger logger, string eventId, string reason, string detail);
    }
}
