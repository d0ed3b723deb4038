using Prometheus;

namespace Vbrick.Exporter.Metrics;

/// <summary>The post-event, poll, comment and lifecycle instruments.</summary>
public sealed partial class ExporterMetrics
{
    /// <summary>Viewing time per session: 1 minute to 4 hours.</summary>
    public static double[] ViewingBuckets { get; } = [60, 300, 600, 900, 1_800, 2_700, 3_600, 5_400, 7_200, 10_800, 14_400];

    /// <summary>Waits for video: 1 s (good) to 5 minutes (a stuck player), in the steps a support desk reads.</summary>
    public static double[] StartupDelayBuckets { get; } = [1, 2, 3, 5, 8, 13, 20, 30, 60, 120, 300];

    public string[] PostEventLabels { get; private set; } = [];

    internal Counter PostEventSessions { get; private set; } = null!;

    internal Counter PostEventViewers { get; private set; } = null!;

    internal Counter PostEventViewingSeconds { get; private set; } = null!;

    internal Counter PostEventSessionSeconds { get; private set; } = null!;

    internal Counter PostEventErrors { get; private set; } = null!;

    internal Counter PostEventMulticastErrors { get; private set; } = null!;

    internal Counter PostEventBufferEvents { get; private set; } = null!;

    internal Counter PostEventRebufferEvents { get; private set; } = null!;

    internal Counter PostEventRebufferSeconds { get; private set; } = null!;

    internal ExporterHistogram PostEventViewingDuration { get; private set; } = null!;

    internal Counter PostEventUnparsable { get; private set; } = null!;

    internal Counter PostEventDropped { get; private set; } = null!;

    internal Gauge PostEventInfo { get; private set; } = null!;

    internal Gauge PostEventTimestamp { get; private set; } = null!;

    internal Counter PostEventRefreshes { get; private set; } = null!;

    internal Gauge CommentsTruncated { get; private set; } = null!;

    internal Counter PollVotes { get; private set; } = null!;

    internal Counter PollResponses { get; private set; } = null!;

    internal Counter PollNoResponses { get; private set; } = null!;

    internal Gauge PollMultipleAnswers { get; private set; } = null!;

    internal Counter Comments { get; private set; } = null!;

    internal Gauge Commenters { get; private set; } = null!;

    internal Gauge LifecycleStage { get; private set; } = null!;

    internal Counter PostEventECdnSeconds { get; private set; } = null!;

    internal Counter PostEventPublicCdnSeconds { get; private set; } = null!;

    internal Gauge PostEventRevCdnSeconds { get; private set; } = null!;

    internal Gauge PostEventRevAudience { get; private set; } = null!;

    internal ExporterHistogram PostEventStartupDelay { get; private set; } = null!;

    internal Gauge PostEventRevRebufferingRatio { get; private set; } = null!;

    internal Gauge PostEventRevRebufferAverage { get; private set; } = null!;

    internal Gauge PostEventRevErrorsPerAttendee { get; private set; } = null!;

    internal Gauge PostEventRevMulticastErrorsPerAttendee { get; private set; } = null!;

    internal Gauge PostEventPeakConcurrent { get; private set; } = null!;

    internal Gauge PostEventPeakTimestamp { get; private set; } = null!;

    internal Gauge PostEventConcurrent { get; private set; } = null!;

    internal Gauge PostEventConcurrencyStart { get; private set; } = null!;

    internal Gauge PostEventConcurrencyBucket { get; private set; } = null!;

    internal Gauge PostEventOpenSessions { get; private set; } = null!;

    internal Counter PostEventConcurrencyExcluded { get; private set; } = null!;

    internal Gauge WatchedEvents { get; private set; } = null!;

    internal Counter DiscoveryRuns { get; private set; } = null!;

    internal Gauge TrackedSessionsLimit { get; private set; } = null!;

    private void CreatePostEventInstruments(FamilyFactory f)
    {
        PostEventLabels = [EventId, "run", "zone", "browser", "device_type", "stream_accessed"];
        PostEventSessions = Track(f.CreateCounter("vbrick_webcast_post_event_sessions_total", "Sessions in the event's attendee report.", PostEventLabels));
        PostEventViewers = Track(f.CreateCounter("vbrick_webcast_post_event_viewers_total", "Distinct viewers in the event's attendee report.", PostEventLabels));
        PostEventViewingSeconds = Track(f.CreateCounter("vbrick_webcast_post_event_viewing_seconds_total", "Viewing time in the event's attendee report.", PostEventLabels));
        PostEventSessionSeconds = Track(f.CreateCounter("vbrick_webcast_post_event_session_seconds_total", "Session time in the event's attendee report.", PostEventLabels));
        PostEventErrors = Track(f.CreateCounter("vbrick_webcast_post_event_experienced_errors_total", "Experienced errors in the event's attendee report.", PostEventLabels));
        PostEventMulticastErrors = Track(f.CreateCounter("vbrick_webcast_post_event_multicast_errors_total", "Multicast errors in the event's attendee report.", PostEventLabels));
        PostEventBufferEvents = Track(f.CreateCounter("vbrick_webcast_post_event_buffer_events_total", "Buffer events in the event's attendee report.", PostEventLabels));
        PostEventRebufferEvents = Track(f.CreateCounter("vbrick_webcast_post_event_rebuffer_events_total", "Rebuffer events in the event's attendee report.", PostEventLabels));
        PostEventRebufferSeconds = Track(f.CreateCounter("vbrick_webcast_post_event_rebuffer_seconds_total", "Rebuffering time in the event's attendee report.", PostEventLabels));
        PostEventECdnSeconds = Track(f.CreateCounter("vbrick_webcast_post_event_ecdn_seconds_total", "Viewing served inside the network (eCDN cache, multicast, peer mesh): the sessions' eCDNTime, summed.", PostEventLabels));
        PostEventPublicCdnSeconds = Track(f.CreateCounter("vbrick_webcast_post_event_public_cdn_seconds_total", "Viewing served over the internet: the sessions' publicCDNTime, summed.", PostEventLabels));
        PostEventRevCdnSeconds = Track(f.CreateGauge("vbrick_webcast_post_event_rev_cdn_seconds", "Rev's own event-wide totals from the report's first page (totalECDNTime, totalPublicCDNTime), by delivery: ecdn or public_cdn; beside the sessions' sums.", EventId, "run", "delivery"));
        PostEventRevAudience = Track(f.CreateGauge("vbrick_webcast_post_event_rev_audience", "Rev's own role counts on the report's first page (hostCount, moderatorCount, attendeeCount), by role.", EventId, "run", "role"));
        PostEventRevRebufferingRatio = Track(f.CreateGauge("vbrick_webcast_post_event_rev_rebuffering_ratio", "Rev's experiencedRebufferingPercentage on the report's first page, as a ratio.", EventId, "run"));
        PostEventRevRebufferAverage = Track(f.CreateGauge("vbrick_webcast_post_event_rev_rebuffer_duration_average_seconds", "Rev's averageExperiencedRebufferDuration on the report's first page.", EventId, "run"));
        PostEventRevErrorsPerAttendee = Track(f.CreateGauge("vbrick_webcast_post_event_rev_errors_per_attendee", "Rev's experiencedErrorsPerAttendees on the report's first page.", EventId, "run"));
        PostEventRevMulticastErrorsPerAttendee = Track(f.CreateGauge("vbrick_webcast_post_event_rev_multicast_errors_per_attendee", "Rev's multicastErrorsPerAttendees on the report's first page.", EventId, "run"));
        PostEventPeakConcurrent = Track(f.CreateGauge("vbrick_webcast_post_event_peak_concurrent_sessions", "Most sessions open at once, exact, from the sessions' enteredDate and exitedDate.", EventId, "run"));
        PostEventPeakTimestamp = Track(f.CreateGauge("vbrick_webcast_post_event_peak_timestamp_seconds", "Unix time the peak was first reached.", EventId, "run"));
        PostEventConcurrent = Track(f.CreateGauge("vbrick_webcast_post_event_concurrent_sessions", "The concurrency curve: the most sessions open at once within each fixed bucket, by the bucket's start in minutes after the first session entered.", EventId, "run", "minute"));
        PostEventConcurrencyStart = Track(f.CreateGauge("vbrick_webcast_post_event_concurrency_start_timestamp_seconds", "Unix time of the curve's minute 0: when the first session entered.", EventId, "run"));
        PostEventConcurrencyBucket = Track(f.CreateGauge("vbrick_webcast_post_event_concurrency_bucket_seconds", "Width of the curve's buckets (whole minutes, at most 120 buckets a run).", EventId, "run"));
        PostEventOpenSessions = Track(f.CreateGauge("vbrick_webcast_post_event_open_sessions", "Sessions without exitedDate, counted as open until the last moment the report records.", EventId, "run"));
        PostEventConcurrencyExcluded = Track(f.CreateCounter("vbrick_webcast_post_event_excluded_sessions_total", "Sessions left out of a post-event figure, by reason: no_entered_date (absent or unreadable) and exited_before_entered (concurrency), viewing_before_entered (start-up delay).", EventId, "run", "reason"));
        PostEventStartupDelay = Histogram(f, "vbrick_webcast_post_event_startup_delay_seconds", "How long each session of the report waited for video: viewingStartTime - enteredDate, per zone (sessions that never played are not observed).", [EventId, "run", "zone"], StartupDelayBuckets);
        PostEventViewingDuration = Histogram(f, "vbrick_webcast_post_event_viewing_duration_seconds", "How long each session of the attendee report watched.", [EventId, "run"], ViewingBuckets);
        PostEventDropped = Track(f.CreateCounter("vbrick_webcast_post_event_dropped_total", "Post-event items kept off /metrics, by item: poll and poll_answer (PostEvent:MaxPolls, PostEvent:MaxAnswersPerPoll), poll_results and comment_log (an answer over Rev:MaxResponseBytes).", EventId, "item"));
        PostEventUnparsable = Track(f.CreateCounter("vbrick_webcast_post_event_unparsable_durations_total", "Report durations that matched no accepted format, by field.", EventId, "run", "field"));
        PostEventInfo = Track(f.CreateGauge("vbrick_webcast_post_event_info", "Which report a run's summary came from (source: post_event_report or deprecated_report); always 1.", EventId, "run", "source"));
        PostEventTimestamp = Track(f.CreateGauge("vbrick_webcast_post_event_timestamp_seconds", "Unix time the event's post-event summary was fetched.", EventId));
        CommentsTruncated = Track(f.CreateGauge("vbrick_webcast_comments_truncated", "1 when Rev returned the comment log as one bare array of its default size (10,000) or more, which cannot be continued: vbrick_webcast_comments_total may be short of the truth; else 0.", EventId));
        PostEventRefreshes = Track(f.CreateCounter("vbrick_webcast_post_event_refreshes_total", "Post-event summaries read again (PostEvent:RefreshAfter), by what the report's session count did since the first: grew, same or shrank.", EventId, "result"));
        PollVotes = Track(f.CreateCounter("vbrick_webcast_poll_votes_total", "Votes for a poll answer.", EventId, "question", "answer"));
        PollResponses = Track(f.CreateCounter("vbrick_webcast_poll_responses_total", "Responses to a poll question.", EventId, "question"));
        PollNoResponses = Track(f.CreateCounter("vbrick_webcast_poll_no_responses_total", "Attendees who did not answer a poll question.", EventId, "question"));
        PollMultipleAnswers = Track(f.CreateGauge("vbrick_webcast_poll_multiple_answers", "1 when the poll question allowed several answers, else 0.", EventId, "question"));
        Comments = Track(f.CreateCounter("vbrick_webcast_comments_total", "Comments posted in the event, hidden ones included.", EventId));
        Commenters = Track(f.CreateGauge("vbrick_webcast_commenters", "Distinct people who commented in the event.", EventId));
        LifecycleStage = Track(f.CreateGauge("vbrick_webcast_lifecycle_stage", "The event's stage in the exporter (scheduled, starting, live, ended, summarised, unknown); 1 on the current one.", EventId, "stage"));
        WatchedEvents = Track(f.CreateGauge("vbrick_exporter_watched_events", "Events the exporter watches, by source: configured, discovered, post_event.", "source"));
        TrackedSessionsLimit = Track(f.CreateGauge("vbrick_exporter_tracked_sessions_limit", "Sessions the exporter tracks across every event at most (Events:MaxTrackedSessions); compare with sum(vbrick_webcast_tracked_sessions)."));
        DiscoveryRuns = Track(f.CreateCounter("vbrick_exporter_discovery_runs_total", "Discovery searches, by outcome: success or failure.", "outcome"));
    }
}
