using Prometheus;

namespace Vbrick.Exporter.Metrics;

/// <summary>
/// The exporter's own health, beside its webcast figures: the polling loop, configuration
/// reloads, requests refused at its door, discovery, OTLP pushes, its build and demo mode.
/// </summary>
public sealed class ServiceMetrics
{
    public const string BuildInfoName = "vbrick_exporter_build_info";

    private readonly Gauge _heartbeat;
    private readonly Counter _loopFailures;
    private readonly Counter _reloads;
    private readonly Gauge _lastReloadSuccessful;
    private readonly Counter _refusedRequests;
    private readonly Counter _overConcurrencyLimit;
    private readonly Counter _discoveryRuns;
    private readonly Counter _discoveredDropped;
    private readonly Gauge _watchedEvents;
    private readonly Gauge _trackedSessionsLimit;
    private readonly Counter _otlpExports;
    private readonly Gauge _otlpLastSuccess;
    private readonly Gauge _otlpExportDuration;
    private readonly Gauge _buildInfo;
    private readonly Gauge _demo;

    internal ServiceMetrics(FamilyFactory f)
    {
        _discoveredDropped = f.CreateCounter("vbrick_exporter_discovered_events_dropped_total", "Discovered events left unwatched because Events:MaxDiscovered were already watched (counted each discovery round).");
        _heartbeat = f.CreateGauge("vbrick_exporter_loop_heartbeat_timestamp_seconds", "Unix time the polling loop last completed an iteration (it idles at most a minute): a stuck loop shows here and fails /readyz.");
        _loopFailures = f.CreateCounter("vbrick_exporter_loop_failures_total", "Polling iterations that failed unexpectedly; the loop carried on.");
        _buildInfo = f.CreateGauge(BuildInfoName, "The exporter's version (from its git tag), commit and .NET runtime; always 1.", "version", "revision", "runtime");
        _watchedEvents = f.CreateGauge("vbrick_exporter_watched_events", "Events the exporter watches, by source: configured, discovered, post_event.", "source");
        _trackedSessionsLimit = f.CreateGauge("vbrick_exporter_tracked_sessions_limit", "Sessions the exporter tracks across every event at most (Events:MaxTrackedSessions); compare with sum(vbrick_webcast_tracked_sessions).");
        _discoveryRuns = f.CreateCounter("vbrick_exporter_discovery_runs_total", "Discovery searches, by outcome: success or failure.", "outcome");
        _otlpExports = f.CreateCounter("vbrick_exporter_otlp_exports_total", "OTLP pushes, by protocol and outcome (success or failure); absent when OTLP is off.", "protocol", "outcome");
        _otlpLastSuccess = f.CreateGauge("vbrick_exporter_otlp_last_success_timestamp_seconds", "Unix time of the latest OTLP push the collector accepted.", "protocol");
        _otlpExportDuration = f.CreateGauge("vbrick_exporter_otlp_last_export_duration_seconds", "Duration of the latest OTLP push, accepted or not.", "protocol");
        _demo = f.CreateGauge("vbrick_exporter_demo", "1 when the exporter polls its embedded Rev simulator (demo mode): every vbrick_webcast_* figure is made up. 0 against a real Rev tenant.");
        _refusedRequests = f.CreateCounter("vbrick_exporter_http_auth_failures_total", "Requests to the exporter refused for missing or wrong credentials.");
        _reloads = f.CreateCounter("vbrick_exporter_config_reloads_total", "Configuration reloads (a changed settings file or POST /-/reload), by outcome: success or failure (the running configuration was kept).", "outcome");
        _lastReloadSuccessful = f.CreateGauge("vbrick_exporter_config_last_reload_successful", "1 when the last configuration reload was applied (or none was tried), 0 when it was refused.");
        _overConcurrencyLimit = f.CreateCounter("vbrick_exporter_http_requests_over_limit_total", "Requests to paths other than /metrics answered 503 because Web:ConcurrencyLimit were already in flight.");

        _buildInfo.WithLabels(BuildVersion.Version, BuildVersion.Revision, BuildVersion.Runtime).Set(1);
        _lastReloadSuccessful.Set(1);
        foreach (var outcome in Enum.GetValues<Outcome>())
        {
            _reloads.WithLabels(outcome.Label()).Inc(0);
            _discoveryRuns.WithLabels(outcome.Label()).Inc(0);
        }
    }

    /// <summary>The version <c>vbrick_exporter_build_info</c> carries.</summary>
    internal string Version => _buildInfo.GetAllLabelValues().FirstOrDefault()?[0] ?? "unknown";

    /// <summary>True in demo mode (<see cref="MarkDemo"/>).</summary>
    public bool IsDemo => _demo.Value == 1;

    /// <summary>Marks every series as simulated (1) or from a real tenant (0).</summary>
    public void MarkDemo(bool simulated) => _demo.Set(simulated ? 1 : 0);

    /// <summary>A discovery search ended.</summary>
    public void CountDiscovery(bool succeeded) => _discoveryRuns.WithLabels(OutcomeLabels.From(succeeded).Label()).Inc();

    /// <summary>Discovered events left unwatched this round because <c>Events:MaxDiscovered</c> were watched.</summary>
    public void CountDiscoveredDropped(int events) => _discoveredDropped.Inc(events);

    public void SetTrackedSessionsLimit(int limit) => _trackedSessionsLimit.Set(limit);

    public void SetWatchedEvents(EventOrigin origin, int count) => _watchedEvents.WithLabels(origin.Label()).Set(count);

    /// <summary>The polling loop completed an iteration at <paramref name="at"/>.</summary>
    public void Heartbeat(DateTimeOffset at) => _heartbeat.Set(UnixTime.Seconds(at));

    public void CountLoopFailure() => _loopFailures.Inc();

    /// <summary>A configuration reload was applied, or refused (the running configuration kept).</summary>
    public void CountReload(bool applied)
    {
        _reloads.WithLabels(OutcomeLabels.From(applied).Label()).Inc();
        _lastReloadSuccessful.Set(applied ? 1 : 0);
    }

    /// <summary>A request to the exporter was refused for missing or wrong credentials.</summary>
    public void CountRefusedRequest() => _refusedRequests.Inc();

    public void CountRequestOverConcurrencyLimit() => _overConcurrencyLimit.Inc();

    /// <summary>Requests answered 503 at the concurrency limit since the process started.</summary>
    internal double RequestsOverConcurrencyLimit => _overConcurrencyLimit.Value;

    /// <summary>Starts the OTLP series of <paramref name="protocol"/> at 0, once OTLP is on.</summary>
    public void StartOtlp(string protocol)
    {
        foreach (var outcome in Enum.GetValues<Outcome>())
        {
            _otlpExports.WithLabels(protocol, outcome.Label()).Inc(0);
        }
    }

    /// <summary>One OTLP push ended.</summary>
    public void CountOtlpExport(string protocol, bool accepted, TimeSpan duration, DateTimeOffset at)
    {
        _otlpExportDuration.WithLabels(protocol).Set(duration.TotalSeconds);
        _otlpExports.WithLabels(protocol, OutcomeLabels.From(accepted).Label()).Inc();
        if (accepted)
        {
            _otlpLastSuccess.WithLabels(protocol).Set(UnixTime.Seconds(at));
        }
    }
}
