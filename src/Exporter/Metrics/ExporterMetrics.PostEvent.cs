using Prometheus;

namespace Vbrick.Exporter.Metrics;

/// <summary>The post-event, poll, comment and lifecycle instruments.</summary>
public sealed partial class ExporterMetrics
{
    /// <summary>Viewing time per session: 1 minute to 4 hours.</summary>
    public static double[] ViewingBuckets { get; } = [60, 300, 600, 900, 1_800, 2_700, 3_600, 5_400, 7_200, 10_800, 14_400];

    /// <summary>Waits for video: 1 s (good) to 5 minutes (a stuck player), in the steps a support desk reads.</summary>
    public static double[] StartupDelayBuckets { get; } = [1, 2, 3, 5, 8, 13, 20, 30, 60, 120, 300];

    public string[] PostEventLabels { get; }

    internal Counter PostEventSessions { get; }

    internal Counter PostEventViewers { get; }

    internal Counter PostEventViewingSeconds { get; }

    internal Counter PostEventSessionSeconds { get; }

    internal Counter PostEventErrors { get; }

    internal Counter PostEventMulticastErrors { get; }

    internal Counter PostEventBufferEvents { get; }

    internal Counter PostEventRebufferEvents { get; }

    internal Counter PostEventRebufferSeconds { get; }

    internal ExporterHistogram PostEventViewingDuration { get; }

    internal Counter PostEventUnparsable { get; }

    internal Counter PostEventDropped { get; }

    internal Gauge PostEventInfo { get; }

    internal Gauge PostEventTimestamp { get; }

    internal Counter PostEventRefreshes { get; }

    internal Gauge CommentsTruncated { get; }

    internal Counter PollVotes { get; }

    internal Counter PollResponses { get; }

    internal Counter PollNoResponses { get; }

    internal Gauge PollMultipleAnswers { get; }

    internal Counter Comments { get; }

    internal Gauge Commenters { get; }

    internal Gauge LifecycleStage { get; }

    internal Counter PostEventECdnSeconds { get; }

    internal Counter PostEventPublicCdnSeconds { get; }

    internal Gauge PostEventRevCdnSeconds { get; }

    internal Gauge PostEventRevAudience { get; }

    internal ExporterHistogram PostEventStartupDelay { get; }

    internal Gauge PostEventRevRebufferingRatio { get; }

    internal Gauge PostEventRevRebufferAverage { get; }

    internal Gauge PostEventRevErrorsPerAttendee { get; }

    internal Gauge PostEventRevMulticastErrorsPerAttendee { get; }

    internal Gauge PostEventPeakConcurrent { get; }

    internal Gauge PostEventPeakTimestamp { get; }

    internal Gauge PostEventConcurrent { get; }

    internal Gauge PostEventConcurrencyStart { get; }

    internal Gauge PostEventConcurrencyBucket { get; }

    internal Gauge PostEventOpenSessions { get; }

    internal Counter PostEventConcurrencyExcluded { get; }
}
