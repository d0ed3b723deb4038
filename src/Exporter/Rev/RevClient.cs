using System.Globalization;
using System.Net;
using System.Text.Json;
using Polly.CircuitBreaker;
using Polly.Timeout;
using Vbrick.Exporter.Rev.Dto;

namespace Vbrick.Exporter.Rev;

/// <summary>
/// Typed client over Rev's API: one method per endpoint, no retry loops of its own (the resilience
/// pipeline and the budget scheduler own those). Every failure leaves as a classified
/// <see cref="RevApiException"/>; Rev's quirks stop here.
/// </summary>
public sealed partial class RevClient(HttpClient http, TimeProvider time, Microsoft.Extensions.Options.IOptions<RevOptions> options)
{
    public Task<EventStatus> GetEventStatusAsync(string eventId, CancellationToken cancellationToken) =>
        CallAsync<EventStatus>(RevEndpoint.EventStatus, async deadline =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"api/v2/scheduled-events/{Uri.EscapeDataString(eventId)}/status");
            using var response = await SendAsync(request, RevEndpoint.EventStatus, scrolling: false, deadline);
            EventStatusResponse? body;
            try
            {
                body = await response.Content.ReadFromJsonAsync(RevJsonContext.Default.EventStatusResponse, deadline);
            }
            catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException)
            {
                throw new RevApiException(RevErrorKind.Malformed, "Rev's event status answer is not the expected JSON.", inner: ex);
            }

            var raw = body?.Status ?? body?.EventStatus;
            if (string.IsNullOrWhiteSpace(raw))
            {
                throw new RevApiException(RevErrorKind.Malformed, "Rev's event status answer carried no status.");
            }

            var title = body?.Title ?? body?.EventTitle;
            DateTimeOffset? endDate = DateTimeOffset.TryParse(body?.EndDate, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var end) ? end : null;
            return new EventStatus(string.IsNullOrWhiteSpace(title) ? "unknown" : title.Trim(), raw.Trim(), EventStatus.PhaseOf(raw), endDate, body?.IsPreProduction == true);
        }, cancellationToken);

    /// <summary>
    /// One page of real-time attendees (<c>attendeeDetails=All</c>, 500 a page) as <paramref name="query"/>
    /// says, streamed into <paramref name="sink"/>; <paramref name="runNumber"/> is 0 for the main
    /// event, else the pre-production run.
    /// </summary>
    public Task<RealtimePage> GetRealtimeAttendeesAsync(string eventId, RealtimeQuery query, IAttendeeSink sink, int runNumber, CancellationToken cancellationToken) =>
        CallAsync<RealtimePage>(RevEndpoint.RealtimeAttendees, async deadline =>
        {
            var scrollId = query.ScrollId;
            var search = query.Field is { } field
                ? new RealtimeAttendeesRequest(ScrollGuard.PageSize, query.OnlineOnly ? "Online" : "All", "All", runNumber, scrollId, field.RevName(), query.Descending ? "desc" : "asc", query.Value, field.RevName())
                : new RealtimeAttendeesRequest(ScrollGuard.PageSize, "All", "All", runNumber, scrollId);
            using var request = new HttpRequestMessage(HttpMethod.Post, $"api/v2/scheduled-events/{Uri.EscapeDataString(eventId)}/real-time/attendees")
            {
                Content = JsonContent.Create(search, RevJsonContext.Default.RealtimeAttendeesRequest),
            };
            using var response = await SendAsync(request, RevEndpoint.RealtimeAttendees, scrolling: scrollId is not null, deadline);
            await using var body = await response.Content.ReadAsStreamAsync(deadline);
            RealtimePage page;
            try
            {
                var units = options.Value.Units;
                var checks = new DurationSink(sink, RevUnits.SecondsPer(units.LiveBufferingDuration), time.GetUtcNow());
                page = await RealtimePageReader.ReadAsync(body, checks, ScrollGuard.PageSize, deadline);
                page.AverageRebufferDuration *= RevUnits.SecondsPer(units.AverageRebufferDuration);
                page.DurationsPastSessionAge = checks.PastSessionAge;
            }
            catch (IOException ex)
            {
                throw new RevApiException(RevErrorKind.Network, "The connection to Rev broke while reading attendees.", inner: ex);
            }

            if (page.ErrorStatusCode is >= 400)
            {
                // Rev can answer 200 with an error body; on a continued scroll that means the scroll expired.
                throw new RevApiException(
                    scrollId is null ? RevErrorKind.Http : RevErrorKind.ScrollExpired,
                    $"Rev answered with an error body (status {page.ErrorStatusCode}).",
                    (HttpStatusCode)page.ErrorStatusCode.Value);
            }

            return page;
        }, cancellationToken);

    /// <summary>
    /// One deadline around a whole request, sending and reading the body together: once Rev has sent
    /// headers nothing else bounds the body, and a stalled one would hold the polling loop. Endpoints
    /// the pipeline never retries (<see cref="RevEndpoint.SingleAttempt"/>) get <c>Rev:RequestTimeout</c>;
    /// others the resilience pipeline's total (three attempts).
    /// </summary>
    private Task<T> CallAsync<T>(RevEndpoint endpoint, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        var deadline = endpoint.SingleAttempt ? options.Value.RequestTimeout : options.Value.TotalRequestTimeout;
        return RevDeadline.RunAsync(time, deadline, string.Create(CultureInfo.InvariantCulture, $"Rev's answer did not arrive in full within {deadline.TotalSeconds:0} s."), call, cancellationToken);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, RevEndpoint endpoint, bool scrolling, CancellationToken cancellationToken)
    {
        request.Options.Set(RevRequestTags.Endpoint, endpoint);
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (BrokenCircuitException ex)
        {
            throw new RevApiException(RevErrorKind.CircuitOpen, "Rev calls are paused: too many recent failures.", inner: ex);
        }
        catch (TimeoutRejectedException ex)
        {
            throw new RevApiException(RevErrorKind.Timeout, "Rev did not answer in time.", inner: ex);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new RevApiException(RevErrorKind.Timeout, "Rev did not answer in time.", inner: ex);
        }
        catch (HttpRequestException ex)
        {
            throw new RevApiException(RevErrorKind.Network, $"Could not reach Rev ({ex.HttpRequestError}).", inner: ex);
        }

        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            var code = response.StatusCode;
            var kind = code switch
            {
                HttpStatusCode.TooManyRequests => RevErrorKind.RateLimited,
                HttpStatusCode.Unauthorized when RevRequestTags.WasResourceRefused(request) => RevErrorKind.Forbidden,
                HttpStatusCode.Forbidden => RevErrorKind.Forbidden,
                HttpStatusCode.Unauthorized => RevErrorKind.Unauthorized,
                HttpStatusCode.NotFound => RevErrorKind.NotFound,
                HttpStatusCode.RequestTimeout => RevErrorKind.Timeout,

                // Rev refuses a scroll id it no longer knows with a 4xx such as 400 "invalid scroll id".
                >= HttpStatusCode.BadRequest and < HttpStatusCode.InternalServerError when scrolling => RevErrorKind.ScrollExpired,
                _ => RevErrorKind.Http,
            };
            var redirect = (int)code is >= 300 and < 400 && response.Headers.Location is { } location
                ? $" (a redirect to {(location.IsAbsoluteUri ? location.Host : "a relative path")}, not followed: check Rev:Url)"
                : string.Empty;
            throw new RevApiException(kind, $"Rev answered HTTP {(int)code} on {endpoint.Name}{redirect}.", code, RetryAfterOf(response));
        }
    }

    /// <summary>Longest pause a <c>Retry-After</c> can impose: a huge value must not stop polling until a restart.</summary>
    public static readonly TimeSpan MaxRetryAfter = TimeSpan.FromMinutes(15);

    private TimeSpan? RetryAfterOf(HttpResponseMessage response) =>
        RawRetryAfterOf(response) is { } wait ? (wait > MaxRetryAfter ? MaxRetryAfter : wait) : null;

    private TimeSpan? RawRetryAfterOf(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - time.GetUtcNow();
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }

    /// <summary>
    /// Hands records on with the buffering duration converted to seconds, counting those longer than
    /// their session's age (<see cref="SessionAge"/>). <c>StartTime</c> is parsed only for a duration
    /// over the allowance, which a right reading rarely has: the hot path stays a multiplication.
    /// </summary>
    private sealed class DurationSink(IAttendeeSink inner, double secondsPerUnit, DateTimeOffset readAt) : IAttendeeSink
    {
        public int PastSessionAge { get; private set; }

        public void Add(in AttendeeRecord record)
        {
            if (secondsPerUnit == 1.0)
            {
                Check(record);
                inner.Add(in record);
                return;
            }

            var converted = record;
            converted.BufferingDuration *= secondsPerUnit;
            Check(converted);
            inner.Add(in converted);
        }

        private void Check(in AttendeeRecord record)
        {
            if (record.BufferingDuration is { } seconds and > SessionAge.AllowanceSeconds
                && record.ParseStartTime() is { } started
                && SessionAge.Exceeded(seconds, (readAt - started).TotalSeconds))
            {
                PastSessionAge++;
            }
        }
    }
}
