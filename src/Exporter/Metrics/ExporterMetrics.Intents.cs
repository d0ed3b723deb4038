using System.Globalization;
using Vbrick.Exporter.Budget;
using Vbrick.Exporter.Rev;

namespace Vbrick.Exporter.Metrics;

/// <summary>
/// Everything outside <c>Metrics/</c> records through these intent-named methods (and the two
/// observer interfaces): no raw instrument, no label value as a free string, so a typo cannot start
/// a new series. Each method's label values come from an enum with one <c>Label()</c>.
/// </summary>
public sealed partial class ExporterMetrics : IBudgetObserver, IRevObserver
{
    public void ShareAssigned(double share, int shardIndex, int replicas)
    {
        BudgetShare.Set(share);
        ShardInfo.WithLabels(shardIndex.ToString(CultureInfo.InvariantCulture), replicas.ToString(CultureInfo.InvariantCulture)).Set(1);
    }

    public void Granted(RequestFamily family) => BudgetGranted.WithLabels(family.Label()).Inc();

    public void LimitsChanged(RequestFamily family, double limitPerMinute, double effectivePerMinute)
    {
        BudgetLimit.WithLabels(family.Label()).Set(limitPerMinute);
        BudgetEffective.WithLabels(family.Label()).Set(effectivePerMinute);
    }

    public void Waited(RequestFamily family, TimeSpan wait) => BudgetWait.WithLabels(family.Label()).Observe(Math.Max(0, wait.TotalSeconds));

    public void Attempted(RevEndpoint endpoint, RevAttemptResult result, int statusCode, TimeSpan duration)
    {
        var code = result switch
        {
            RevAttemptResult.Timeout => "timeout",
            RevAttemptResult.Network => "network",
            RevAttemptResult.Answered => statusCode.ToString(CultureInfo.InvariantCulture),
        };
        if (result == RevAttemptResult.Answered && statusCode == 429)
        {
            RateLimited.WithLabels(endpoint.Family.Label()).Inc();
        }

        RevRequests.WithLabels(endpoint.Name, code).Inc();
        RevRequestDuration.WithLabels(endpoint.Name).Observe(duration.TotalSeconds);
    }

    public void Retried(RevEndpoint? endpoint) => RevRetries.WithLabels(endpoint?.Name ?? "unknown").Inc();

    public void SessionObtained(SessionRenewal kind) => AuthRenewals.WithLabels(kind.Label()).Inc();

    public void AuthenticationFailed(AuthenticationFailure kind) => AuthFailures.WithLabels(kind.Label()).Inc();

    /// <summary>A discovery search ended.</summary>
    public void CountDiscovery(bool succeeded) => DiscoveryRuns.WithLabels(succeeded ? "success" : "failure").Inc();

    /// <summary>Discovered events left unwatched this round because <c>Events:MaxDiscovered</c> were watched.</summary>
    public void CountDiscoveredDropped(int events) => DiscoveredDropped.Inc(events);

    public void SetTrackedSessionsLimit(int limit) => TrackedSessionsLimit.Set(limit);

    public void SetWatchedEvents(EventOrigin origin, int count) => WatchedEvents.WithLabels(origin.Label()).Set(count);

    /// <summary>The polling loop completed an iteration at <paramref name="at"/>.</summary>
    public void Heartbeat(DateTimeOffset at) => LoopHeartbeat.Set(UnixTime.Seconds(at));

    public void CountLoopFailure() => LoopFailures.Inc();

    /// <summary>A configuration reload was applied, or refused (the running configuration kept).</summary>
    public void CountReload(bool applied)
    {
        ConfigReloads.WithLabels(applied ? "success" : "failure").Inc();
        ConfigLastReloadSuccessful.Set(applied ? 1 : 0);
    }

    /// <summary>A request to the exporter was refused for missing or wrong credentials.</summary>
    public void CountRefusedRequest() => HttpAuthFailures.Inc();

    public void CountRequestOverConcurrencyLimit() => HttpOverConcurrencyLimit.Inc();

    /// <summary>Starts the OTLP series of <paramref name="protocol"/> at 0, once OTLP is on.</summary>
    public void StartOtlp(string protocol)
    {
        OtlpExports.WithLabels(protocol, "success").Inc(0);
        OtlpExports.WithLabels(protocol, "failure").Inc(0);
    }

    /// <summary>One OTLP push ended.</summary>
    public void CountOtlpExport(string protocol, bool accepted, TimeSpan duration, DateTimeOffset at)
    {
        OtlpExportDuration.WithLabels(protocol).Set(duration.TotalSeconds);
        OtlpExports.WithLabels(protocol, accepted ? "success" : "failure").Inc();
        if (accepted)
        {
            OtlpLastSuccess.WithLabels(protocol).Set(UnixTime.Seconds(at));
        }
    }
}
