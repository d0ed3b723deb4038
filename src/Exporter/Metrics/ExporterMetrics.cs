using Prometheus;
using Vbrick.Exporter.Budget;
using Vbrick.Exporter.Rev;

namespace Vbrick.Exporter.Metrics;

/// <summary>
/// The served model: the per-event instruments, which only the publishers touch, and the
/// process-wide areas (<see cref="Budget"/>, <see cref="RevCalls"/>, <see cref="Service"/>,
/// <see cref="Process"/>), which keep theirs private. Everything is created on an injected registry,
/// so each test gets a fresh one. Names, types and labels are public API: dashboards and alerts
/// depend on them (see README, "Metrics").
/// </summary>
public sealed partial class ExporterMetrics
{
    public const string EventId = "event_id";

    /// <summary>Video bitrates: 128 kbit/s to 16 Mbit/s, in bytes per second.</summary>
    public static readonly double[] BitrateBuckets = [16_000, 32_000, 64_000, 125_000, 187_500, 250_000, 375_000, 500_000, 750_000, 1_000_000, 1_500_000, 2_000_000];

    /// <summary>Measured network bandwidth: 1 Mbit/s to 1 Gbit/s, in bytes per second.</summary>
    public static readonly double[] BandwidthBuckets = [125_000, 250_000, 625_000, 1_250_000, 2_500_000, 6_250_000, 12_500_000, 25_000_000, 62_500_000, 125_000_000];

    private static readonly string[] AudienceLabels = [EventId, "zone", "stream_type", "browser"];

    private readonly FamilyFactory _families;

    static ExporterMetrics()
    {
        // prometheus-net's static default registry would start republishing every .NET meter,
        // the OTLP bridge's included, the first time anything collected it: a second copy of
        // every metric. The exporter never serves that registry; keep it empty.
        Prometheus.Metrics.SuppressDefaultMetrics();
    }

    public ExporterMetrics(CollectorRegistry registry)
        : this(registry, [])
    {
    }

    /// <param name="registry">The registry /metrics serves.</param>
    /// <param name="excluded">Families (or <see cref="MetricsOptions.Histograms"/>) not served: <c>Metrics:Exclude</c>.</param>
    public ExporterMetrics(CollectorRegistry registry, IReadOnlyCollection<string> excluded)
    {
        Registry = registry;
        var f = new FamilyFactory(registry, excluded);
        _families = f;

        Audience = f.CreateGauge("vbrick_webcast_audience", "People in the event by role, from Rev's latest real-time response.", EventId, "role");
        Sessions = f.CreateGauge("vbrick_webcast_sessions", "Session records (online and offline) Rev reported in its latest real-time response.", EventId);
        RebufferingRatio = f.CreateGauge("vbrick_webcast_rebuffering_ratio", "Share of attendees who experienced rebuffering (Rev's percentage / 100), latest response.", EventId);
        RebufferDurationAverage = f.CreateGauge("vbrick_webcast_rebuffer_duration_average_seconds", "Rev's average experienced rebuffer duration, latest response.", EventId);
        ErrorsPerAttendee = f.CreateGauge("vbrick_webcast_errors_per_attendee", "Rev's experienced errors per attendee, latest response.", EventId);
        MulticastErrorsPerAttendee = f.CreateGauge("vbrick_webcast_multicast_errors_per_attendee", "Rev's multicast errors per attendee, latest response.", EventId);
        FiguresTimestamp = f.CreateGauge("vbrick_webcast_figures_timestamp_seconds", "Unix time the event-wide figures were last updated from Rev.", EventId);

        Attendees = f.CreateGauge("vbrick_webcast_attendees", "Attendee session records by status, from the last complete sweep.", [.. AudienceLabels, "status"]);
        SweepTimestamp = f.CreateGauge("vbrick_webcast_sweep_timestamp_seconds", "Unix time the last complete sweep finished.", EventId);
        SweepCoverage = f.CreateGauge("vbrick_webcast_sweep_coverage_ratio", "Distinct sessions the last complete sweep saw, as a share of Rev's total.", EventId);
        SweepDuration = f.CreateGauge("vbrick_webcast_sweep_duration_seconds", "Time from the first to the last page of the last complete sweep.", EventId);
        SweepProgress = f.CreateGauge("vbrick_webcast_sweep_progress_ratio", "Records read by the sweep in progress, as a share of Rev's total.", EventId);
        Sweeps = f.CreateCounter("vbrick_webcast_sweeps_total", "Sweeps ended, by outcome: completed, scroll_restart, repeated_page, failed, deferred, abandoned.", EventId, "outcome");
        Bitrate = f.CreateHistogram("vbrick_webcast_attendee_bitrate_bytes_per_second", "Average video bitrate of each online attendee, observed once per complete sweep.", AudienceLabels, BitrateBuckets);
        Bandwidth = f.CreateHistogram("vbrick_webcast_attendee_bandwidth_bytes_per_second", "Average measured bandwidth of each online attendee, observed once per complete sweep.", AudienceLabels, BandwidthBuckets);
        BufferingEvents = f.CreateCounter("vbrick_webcast_buffering_events_total", "Buffering events attendees experienced (sum of per-session increases).", AudienceLabels);
        BufferingSeconds = f.CreateCounter("vbrick_webcast_buffering_seconds_total", "Time attendees spent buffering (sum of per-session increases).", AudienceLabels);
        PlaybackErrors = f.CreateCounter("vbrick_webcast_playback_errors_total", "Playback errors attendees experienced (sum of per-session increases).", AudienceLabels);
        MulticastFailovers = f.CreateCounter("vbrick_webcast_multicast_failovers_total", "Multicast failovers attendees experienced (sum of per-session increases).", AudienceLabels);
        LabelValuesFolded = f.CreateCounter("vbrick_webcast_label_values_folded_total", "Records whose label value was folded into 'other' by the per-event cap.", EventId, "label");
        InvalidRecords = f.CreateCounter("vbrick_webcast_invalid_records_total", "Attendee records that could not be used in full, by reason.", EventId, "reason");
        RealtimeRun = f.CreateGauge("vbrick_webcast_realtime_run", "Which run the live series describe: 0 for the main event, n while the n-th pre-production (dry) run is live.", EventId);
        DurationsPastSessionAge = f.CreateCounter("vbrick_webcast_durations_past_session_age_total", "Readings whose buffering duration is longer than the session has existed (live: its StartTime; post-event: its sessionTime), by field: a duration read in the wrong unit (Rev:Units:*).", EventId, "field");
        ZoneRebufferingRatio = f.CreateGauge("vbrick_webcast_zone_rebuffering_ratio", "Among online sessions in the zone read at least twice within the quality window, the share whose buffering count rose between their earliest and latest reading.", EventId, "zone");
        ZoneQualitySampleSessions = f.CreateGauge("vbrick_webcast_zone_quality_sample_sessions", "Sessions the zone's rebuffering ratio is over (every online session of a small event; a sample of a large one).", EventId, "zone");
        RealtimeMode = f.CreateGauge("vbrick_webcast_realtime_mode", "How the event's attendees are read: full (full sweeps) or sampled (a stable first page re-read often, full sweeps where they fit); always 1.", EventId, "mode");
        Samples = f.CreateCounter("vbrick_webcast_samples_total", "Real-time first pages read as samples (their scroll is never continued), by kind: stable (the first page in a fixed sort order) or zone (one zone's sessions).", EventId, "kind");
        ScrollLifetime = f.CreateGauge("vbrick_exporter_scroll_lifetime_seconds", "Scroll lifetime the scheduler plans with: Rev:ScrollLifetime, lowered by expiries (never below one request slot).");
        SweepRebufferDurationAverage = f.CreateGauge("vbrick_webcast_sweep_rebuffer_duration_average_seconds", "Rev's average rebuffer duration recomputed by the exporter from the last complete sweep (per online session that buffered: buffering seconds / buffering events); beside vbrick_webcast_rebuffer_duration_average_seconds it shows a unit mismatch at once.", EventId);
        RoleCountsOnlineRatio = f.CreateGauge("vbrick_webcast_role_counts_online_ratio", "Rev's host + moderator + attendee counts over the online sessions of the last complete sweep: near 1 when the counts mean people online now, well above 1 when they count every session.", EventId);
        ZoneAttendees = f.CreateGauge("vbrick_webcast_zone_attendees", "Online sessions in the zone, exact, from the freshest source: the last complete sweep or the zone's census page (a first page searching that zone). Absent where no exact count exists.", EventId, "zone");
        ZoneAttendeesTimestamp = f.CreateGauge("vbrick_webcast_zone_attendees_timestamp_seconds", "Unix time the zone's head count was read (a sweep's start, or its census page).", EventId, "zone");
        StreamTypeAttendees = f.CreateGauge("vbrick_webcast_stream_type_attendees", "Online sessions by Rev's StreamType, exact, from the last complete sweep or a census page.", EventId, "stream_type");
        StreamTypeAttendeesTimestamp = f.CreateGauge("vbrick_webcast_stream_type_attendees_timestamp_seconds", "Unix time the stream type's head count was read.", EventId, "stream_type");
        BrowserAttendees = f.CreateGauge("vbrick_webcast_browser_attendees", "Online sessions by browser, exact, from the last complete sweep or a census page.", EventId, "browser");
        BrowserAttendeesTimestamp = f.CreateGauge("vbrick_webcast_browser_attendees_timestamp_seconds", "Unix time the browser's head count was read.", EventId, "browser");
        CensusPages = f.CreateCounter("vbrick_webcast_census_pages_total", "Census pages read, by dimension (zone, stream_type, browser) and result: counted_block, counted_total, ambiguous, not_reached, unsorted, failed.", EventId, "dimension", "result");
        HeadCountsUncounted = f.CreateGauge("vbrick_webcast_head_counts_uncounted", "Values of the dimension whose last census page proved no exact count (an ambiguous search, a page out of order): published as absent, not as a guess.", EventId, "dimension");
        SearchRulePlausible = f.CreateGauge("vbrick_exporter_search_rule_plausible", "1 while the data has not refuted that Rev matches a search's q by this rule (exact, substring, words, ignored) on this dimension; a count from Rev's total is trusted only where every plausible rule agrees.", "dimension", "rule");
        ZoneListZones = f.CreateGauge("vbrick_exporter_zone_list_zones", "Zones in the account's zone list (GET /api/v2/zones) at its last successful read.");
        ZoneSupportsMulticast = f.CreateGauge("vbrick_exporter_zone_supports_multicast", "1 for a zone of the account's zone list that supports multicast (supportsMulticast), 0 for one that does not; at most 1,000 zones.", "zone");
        PeerMeshAttendees = f.CreateGauge("vbrick_webcast_peer_mesh_attendees", "Online sessions in the zone that Rev marks as served by its peer mesh (RevConnect true), exact, from the last complete sweep.", EventId, "zone");
        DeliveryAttendees = f.CreateGauge("vbrick_webcast_delivery_attendees", "Online sessions in the zone by delivery (multicast, unicast, other; from StreamType, docs/design.md 'Delivery'), exact, from the last complete sweep.", EventId, "zone", "delivery");
        ZoneListUp = f.CreateGauge("vbrick_exporter_zone_list_up", "1 when the last read of the account's zone list succeeded; 0 when Rev refused it (the API key may lack the right: the census then uses zones seen in readings).");
        FiguresBound = f.CreateGauge("vbrick_exporter_figures_bound_seconds", "Bound the planner keeps on the age of every live event's event-wide figures: Polling:MaxFiguresAge, or more when the live events cannot all be read within it.");
        TrackedSessions = f.CreateGauge("vbrick_webcast_tracked_sessions", "Attendee sessions whose running totals the exporter remembers.", EventId);

        EventInfo = f.CreateGauge("vbrick_webcast_event_info", "Event title and Rev's raw status; always 1.", EventId, "title", "status");
        Up = f.CreateGauge("vbrick_webcast_up", "1 when the event's latest Rev request succeeded, else 0.", EventId);
        LastSuccess = f.CreateGauge("vbrick_webcast_last_success_timestamp_seconds", "Unix time of the event's latest successful Rev request.", EventId);
        RequestFailures = f.CreateCounter("vbrick_webcast_request_failures_total", "Failed Rev requests for an event, by reason.", EventId, "reason");

        // The post-event, poll, comment and lifecycle instruments (declared in ExporterMetrics.PostEvent.cs).
        PostEventLabels = [EventId, "run", "zone", "browser", "device_type", "stream_accessed"];
        PostEventSessions = f.CreateCounter("vbrick_webcast_post_event_sessions_total", "Sessions in the event's attendee report.", PostEventLabels);
        PostEventViewers = f.CreateCounter("vbrick_webcast_post_event_viewers_total", "Distinct viewers in the event's attendee report.", PostEventLabels);
        PostEventViewingSeconds = f.CreateCounter("vbrick_webcast_post_event_viewing_seconds_total", "Viewing time in the event's attendee report.", PostEventLabels);
        PostEventSessionSeconds = f.CreateCounter("vbrick_webcast_post_event_session_seconds_total", "Session time in the event's attendee report.", PostEventLabels);
        PostEventErrors = f.CreateCounter("vbrick_webcast_post_event_experienced_errors_total", "Experienced errors in the event's attendee report.", PostEventLabels);
        PostEventMulticastErrors = f.CreateCounter("vbrick_webcast_post_event_multicast_errors_total", "Multicast errors in the event's attendee report.", PostEventLabels);
        PostEventBufferEvents = f.CreateCounter("vbrick_webcast_post_event_buffer_events_total", "Buffer events in the event's attendee report.", PostEventLabels);
        PostEventRebufferEvents = f.CreateCounter("vbrick_webcast_post_event_rebuffer_events_total", "Rebuffer events in the event's attendee report.", PostEventLabels);
        PostEventRebufferSeconds = f.CreateCounter("vbrick_webcast_post_event_rebuffer_seconds_total", "Rebuffering time in the event's attendee report.", PostEventLabels);
        PostEventECdnSeconds = f.CreateCounter("vbrick_webcast_post_event_ecdn_seconds_total", "Viewing served inside the network (eCDN cache, multicast, peer mesh): the sessions' eCDNTime, summed.", PostEventLabels);
        PostEventPublicCdnSeconds = f.CreateCounter("vbrick_webcast_post_event_public_cdn_seconds_total", "Viewing served over the internet: the sessions' publicCDNTime, summed.", PostEventLabels);
        PostEventRevCdnSeconds = f.CreateGauge("vbrick_webcast_post_event_rev_cdn_seconds", "Rev's own event-wide totals from the report's first page (totalECDNTime, totalPublicCDNTime), by delivery: ecdn or public_cdn; beside the sessions' sums.", EventId, "run", "delivery");
        PostEventRevAudience = f.CreateGauge("vbrick_webcast_post_event_rev_audience", "Rev's own role counts on the report's first page (hostCount, moderatorCount, attendeeCount), by role.", EventId, "run", "role");
        PostEventRevRebufferingRatio = f.CreateGauge("vbrick_webcast_post_event_rev_rebuffering_ratio", "Rev's experiencedRebufferingPercentage on the report's first page, as a ratio.", EventId, "run");
        PostEventRevRebufferAverage = f.CreateGauge("vbrick_webcast_post_event_rev_rebuffer_duration_average_seconds", "Rev's averageExperiencedRebufferDuration on the report's first page.", EventId, "run");
        PostEventRevErrorsPerAttendee = f.CreateGauge("vbrick_webcast_post_event_rev_errors_per_attendee", "Rev's experiencedErrorsPerAttendees on the report's first page.", EventId, "run");
        PostEventRevMulticastErrorsPerAttendee = f.CreateGauge("vbrick_webcast_post_event_rev_multicast_errors_per_attendee", "Rev's multicastErrorsPerAttendees on the report's first page.", EventId, "run");
        PostEventPeakConcurrent = f.CreateGauge("vbrick_webcast_post_event_peak_concurrent_sessions", "Most sessions open at once, exact, from the sessions' enteredDate and exitedDate.", EventId, "run");
        PostEventPeakTimestamp = f.CreateGauge("vbrick_webcast_post_event_peak_timestamp_seconds", "Unix time the peak was first reached.", EventId, "run");
        PostEventConcurrent = f.CreateGauge("vbrick_webcast_post_event_concurrent_sessions", "The concurrency curve: the most sessions open at once within each fixed bucket, by the bucket's start in minutes after the first session entered.", EventId, "run", "minute");
        PostEventConcurrencyStart = f.CreateGauge("vbrick_webcast_post_event_concurrency_start_timestamp_seconds", "Unix time of the curve's minute 0: when the first session entered.", EventId, "run");
        PostEventConcurrencyBucket = f.CreateGauge("vbrick_webcast_post_event_concurrency_bucket_seconds", "Width of the curve's buckets (whole minutes, at most 120 buckets a run).", EventId, "run");
        PostEventOpenSessions = f.CreateGauge("vbrick_webcast_post_event_open_sessions", "Sessions without exitedDate, counted as open until the last moment the report records.", EventId, "run");
        PostEventConcurrencyExcluded = f.CreateCounter("vbrick_webcast_post_event_excluded_sessions_total", "Sessions left out of a post-event figure, by reason: no_entered_date (absent or unreadable) and exited_before_entered (concurrency), viewing_before_entered (start-up delay).", EventId, "run", "reason");
        PostEventStartupDelay = f.CreateHistogram("vbrick_webcast_post_event_startup_delay_seconds", "How long each session of the report waited for video: viewingStartTime - enteredDate, per zone (sessions that never played are not observed).", [EventId, "run", "zone"], StartupDelayBuckets);
        PostEventViewingDuration = f.CreateHistogram("vbrick_webcast_post_event_viewing_duration_seconds", "How long each session of the attendee report watched.", [EventId, "run"], ViewingBuckets);
        PostEventDropped = f.CreateCounter("vbrick_webcast_post_event_dropped_total", "Post-event items kept off /metrics, by item: poll and poll_answer (PostEvent:MaxPolls, PostEvent:MaxAnswersPerPoll), poll_results and comment_log (an answer over Rev:MaxResponseBytes).", EventId, "item");
        PostEventUnparsable = f.CreateCounter("vbrick_webcast_post_event_unparsable_durations_total", "Report durations that matched no accepted format, by field.", EventId, "run", "field");
        PostEventInfo = f.CreateGauge("vbrick_webcast_post_event_info", "Which report a run's summary came from (source: post_event_report or deprecated_report); always 1.", EventId, "run", "source");
        PostEventTimestamp = f.CreateGauge("vbrick_webcast_post_event_timestamp_seconds", "Unix time the event's post-event summary was fetched.", EventId);
        CommentsTruncated = f.CreateGauge("vbrick_webcast_comments_truncated", "1 when Rev returned the comment log as one bare array of its default size (10,000) or more, which cannot be continued: vbrick_webcast_comments_total may be short of the truth; else 0.", EventId);
        PostEventRefreshes = f.CreateCounter("vbrick_webcast_post_event_refreshes_total", "Post-event summaries read again (PostEvent:RefreshAfter), by what the report's session count did since the first: grew, same or shrank.", EventId, "result");
        PollVotes = f.CreateCounter("vbrick_webcast_poll_votes_total", "Votes for a poll answer.", EventId, "question", "answer");
        PollResponses = f.CreateCounter("vbrick_webcast_poll_responses_total", "Responses to a poll question.", EventId, "question");
        PollNoResponses = f.CreateCounter("vbrick_webcast_poll_no_responses_total", "Attendees who did not answer a poll question.", EventId, "question");
        PollMultipleAnswers = f.CreateGauge("vbrick_webcast_poll_multiple_answers", "1 when the poll question allowed several answers, else 0.", EventId, "question");
        Comments = f.CreateCounter("vbrick_webcast_comments_total", "Comments posted in the event, hidden ones included.", EventId);
        Commenters = f.CreateGauge("vbrick_webcast_commenters", "Distinct people who commented in the event.", EventId);
        LifecycleStage = f.CreateGauge("vbrick_webcast_lifecycle_stage", "The event's stage in the exporter (scheduled, starting, live, ended, summarised, unknown); 1 on the current one.", EventId, "stage");
        Budget = new BudgetMetrics(f);
        RevCalls = new RevCallMetrics(f);
        Service = new ServiceMetrics(f);
        Process = new ProcessMetrics(f);
    }

    /// <summary>
    /// Largest value a counter may reach: 2^53, past which a double no longer counts in ones. Rev
    /// data cannot push a counter there (or to +Inf) and leave it unusable for the process's life.
    /// </summary>
    public const double MaxCounterValue = 9_007_199_254_740_992;

    /// <summary>
    /// Adds one audience series' increase to its four counters; an increase that is negative,
    /// non-finite or would carry a counter past <see cref="MaxCounterValue"/> is refused.
    /// </summary>
    /// <returns>How many of the four increases were refused.</returns>
    public int AddAudienceIncrease(string[] labels, in Aggregation.RunningTotals increase) =>
        AddWithin(BufferingEvents.WithLabels(labels), increase.BufferingEvents)
        + AddWithin(BufferingSeconds.WithLabels(labels), increase.BufferingSeconds)
        + AddWithin(PlaybackErrors.WithLabels(labels), increase.PlaybackErrors)
        + AddWithin(MulticastFailovers.WithLabels(labels), increase.MulticastFailovers);

    /// <summary>True when <paramref name="value"/> can be a counter's value: finite, not negative, at most <see cref="MaxCounterValue"/>.</summary>
    public static bool IsCounterValue(double value) => value is >= 0 and <= MaxCounterValue;

    private static int AddWithin(Counter.Child counter, double increase)
    {
        if (IsCounterValue(increase) && IsCounterValue(counter.Value + increase))
        {
            counter.Inc(increase);
            return 0;
        }

        return 1;
    }

    /// <summary>Every instrument, for removing all series of an event.</summary>
    public IReadOnlyList<Collector> All => _families.All;

    /// <summary>The instruments <c>/metrics</c> and OTLP serve: <see cref="All"/> but the excluded families.</summary>
    public IEnumerable<Collector> Served => _families.All.Where(c => _families.IsServed(c.Name, c is Prometheus.Histogram));

    /// <summary>Every family name the exporter defines, served or not (what <c>Metrics:Exclude</c> may name).</summary>
    public static IReadOnlySet<string> FamilyNames() =>
        new ExporterMetrics(Prometheus.Metrics.NewCustomRegistry()).All.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);

    /// <summary>The histograms, for the OTLP bridge (they are in <see cref="All"/> too).</summary>
    public IReadOnlyList<ExporterHistogram> Histograms => _families.Histograms;

    /// <summary>Set by the OTLP bridge when it starts; null when OTLP is off.</summary>
    internal IHistogramMirror? HistogramMirror
    {
        get => _families.HistogramMirror;
        set => _families.HistogramMirror = value;
    }

    public CollectorRegistry Registry { get; }

    /// <summary>Serialises publication against scrapes, so a scrape never sees half a sweep.</summary>
    internal PublicationGate PublicationGate { get; } = new();

    /// <summary>Takes the publication gate; every change to series happens inside one.</summary>
    internal PublicationLease Exclusive() => PublicationGate.Enter();

    internal Gauge Audience { get; }

    internal Gauge Sessions { get; }

    internal Gauge RebufferingRatio { get; }

    internal Gauge RebufferDurationAverage { get; }

    internal Gauge ErrorsPerAttendee { get; }

    internal Gauge MulticastErrorsPerAttendee { get; }

    internal Gauge FiguresTimestamp { get; }

    internal Gauge Attendees { get; }

    internal Gauge SweepTimestamp { get; }

    internal Gauge SweepCoverage { get; }

    internal Gauge SweepDuration { get; }

    internal Gauge SweepProgress { get; }

    internal Counter Sweeps { get; }

    internal ExporterHistogram Bitrate { get; }

    internal ExporterHistogram Bandwidth { get; }

    internal Counter BufferingEvents { get; }

    internal Counter BufferingSeconds { get; }

    internal Counter PlaybackErrors { get; }

    internal Counter MulticastFailovers { get; }

    internal Counter LabelValuesFolded { get; }

    internal Counter InvalidRecords { get; }

    internal Counter DurationsPastSessionAge { get; }

    internal Gauge RealtimeRun { get; }

    internal Gauge ZoneSupportsMulticast { get; }

    internal Gauge DeliveryAttendees { get; }

    internal Gauge PeerMeshAttendees { get; }

    internal Gauge TrackedSessions { get; }

    internal Gauge ZoneAttendees { get; }

    internal Gauge ZoneAttendeesTimestamp { get; }

    internal Gauge StreamTypeAttendees { get; }

    internal Gauge StreamTypeAttendeesTimestamp { get; }

    internal Gauge BrowserAttendees { get; }

    internal Gauge BrowserAttendeesTimestamp { get; }

    internal Counter CensusPages { get; }

    internal Gauge HeadCountsUncounted { get; }

    internal Gauge SearchRulePlausible { get; }

    internal Gauge ZoneListZones { get; }

    internal Gauge ZoneListUp { get; }

    internal Gauge FiguresBound { get; }

    internal Gauge SweepRebufferDurationAverage { get; }

    internal Gauge RoleCountsOnlineRatio { get; }

    internal Gauge ZoneRebufferingRatio { get; }

    internal Gauge ZoneQualitySampleSessions { get; }

    internal Gauge RealtimeMode { get; }

    internal Counter Samples { get; }

    internal Gauge ScrollLifetime { get; }

    internal Gauge EventInfo { get; }

    internal Gauge Up { get; }

    internal Gauge LastSuccess { get; }

    internal Counter RequestFailures { get; }

    /// <summary>The request budget's instruments; the budget reports to them (<see cref="IBudgetObserver"/>).</summary>
    public BudgetMetrics Budget { get; }

    /// <summary>The instruments of calls to Rev; the Rev clients report to them (<see cref="IRevObserver"/>).</summary>
    public RevCallMetrics RevCalls { get; }

    /// <summary>The exporter's own health: loop, reloads, refused requests, discovery, OTLP, build, demo.</summary>
    public ServiceMetrics Service { get; }

    /// <summary>The process and runtime figures.</summary>
    public ProcessMetrics Process { get; }
}
