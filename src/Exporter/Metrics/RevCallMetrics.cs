using System.Globalization;
using Prometheus;
using Vbrick.Exporter.Budget;
using Vbrick.Exporter.Rev;

namespace Vbrick.Exporter.Metrics;

/// <summary>The instruments of the exporter's calls to Rev: attempts, durations, retries, 429s and sign-ins.</summary>
public sealed class RevCallMetrics : IRevObserver
{
    private readonly Counter _requests;
    private readonly ExporterHistogram _duration;
    private readonly Counter _retries;
    private readonly Counter _rateLimited;
    private readonly Counter _renewals;
    private readonly Counter _authFailures;

    internal RevCallMetrics(FamilyFactory f)
    {
        _requests = f.CreateCounter("vbrick_exporter_rev_requests_total", "HTTP requests sent to Rev, by endpoint and status code (or timeout / network).", "endpoint", "code");
        _duration = f.CreateHistogram("vbrick_exporter_rev_request_duration_seconds", "Duration of HTTP requests to Rev, by endpoint.", ["endpoint"], [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30]);
        _retries = f.CreateCounter("vbrick_exporter_rev_retries_total", "Retries made by the resilience pipeline, by endpoint.", "endpoint");
        _rateLimited = f.CreateCounter("vbrick_exporter_rev_rate_limited_total", "HTTP 429 answers from Rev, by request family.", "family");
        _renewals = f.CreateCounter("vbrick_exporter_auth_renewals_total", "Rev sessions obtained, by kind: login or extend.", "kind");
        _authFailures = f.CreateCounter("vbrick_exporter_auth_failures_total", "Failed authentications, by kind: login, extend, or rejected (a 401 on a call).", "kind");

        // Known label sets start at 0, so rate() and alerts see the first retry, 429 or failure
        // as an increase instead of a series appearing from nowhere.
        foreach (var endpoint in RevEndpoint.All)
        {
            _retries.WithLabels(endpoint.Name).Inc(0);
        }

        foreach (var family in Enum.GetValues<RequestFamily>())
        {
            _rateLimited.WithLabels(family.Label()).Inc(0);
        }

        foreach (var kind in Enum.GetValues<AuthenticationFailure>())
        {
            _authFailures.WithLabels(kind.Label()).Inc(0);
        }

        foreach (var kind in Enum.GetValues<SessionRenewal>())
        {
            _renewals.WithLabels(kind.Label()).Inc(0);
        }
    }

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
            _rateLimited.WithLabels(endpoint.Family.Label()).Inc();
        }

        _requests.WithLabels(endpoint.Name, code).Inc();
        _duration.WithLabels(endpoint.Name).Observe(duration.TotalSeconds);
    }

    public void Retried(RevEndpoint? endpoint) => _retries.WithLabels(endpoint?.Name ?? "unknown").Inc();

    public void SessionObtained(SessionRenewal kind) => _renewals.WithLabels(kind.Label()).Inc();

    public void AuthenticationFailed(AuthenticationFailure kind) => _authFailures.WithLabels(kind.Label()).Inc();

    /// <summary>Attempts at <paramref name="endpoint"/> Rev answered with <paramref name="statusCode"/> since the process started.</summary>
    internal double Answered(RevEndpoint endpoint, int statusCode) =>
        _requests.WithLabels(endpoint.Name, statusCode.ToString(CultureInfo.InvariantCulture)).Value;

    /// <summary>429 answers Rev gave for the family (by its label) since the process started.</summary>
    internal double RateLimited(string family) => _rateLimited.WithLabels(family).Value;
}
