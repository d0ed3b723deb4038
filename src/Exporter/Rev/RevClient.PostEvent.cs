using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Vbrick.Exporter.Rev.Dto;

namespace Vbrick.Exporter.Rev;

/// <summary>The post-event endpoints: attendee reports, polls, comments.</summary>
public sealed partial class RevClient
{
    /// <summary>One page (up to 500 sessions) of the post-event report; a 404 means Rev predates it (before 7.36).</summary>
    public Task<PostEventReportPage> GetPostEventReportPageAsync(string eventId, int runNumber, string? scrollId, CancellationToken cancellationToken) =>
        CallAsync<PostEventReportPage>(RevEndpoint.PostEventReport, async deadline =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, RunPath(eventId, "post-event-report", runNumber, scrollId));
            using var response = await SendAsync(request, RevEndpoint.PostEventReport, scrolling: scrollId is not null, deadline);
            var body = await ReadAsync(response, RevJsonContext.Default.PostEventReportDto, deadline);
            if (!string.IsNullOrWhiteSpace(body?.ErrorDescription) && (body.Sessions is null || body.Sessions.Count == 0))
            {
                // Rev's 400 body shape with a 200: an error, not a final empty summary. Its text is not echoed.
                throw new RevApiException(RevErrorKind.Http, "Rev answered the post-event report with an error description and no sessions.");
            }

            var total = body?.TotalSessions is { } t ? (long)t : (long?)null;
            return new PostEventReportPage([.. (body?.Sessions ?? []).OfType<PostEventSessionDto>().Select(ToSession)], total, string.IsNullOrWhiteSpace(body?.ScrollId) ? null : body.ScrollId, body?.TotalECdnTime, body?.TotalPublicCdnTime)
            {
                Summary = body is null ? null : new ReportSummary(
                    body.HostCount,
                    body.ModeratorCount,
                    body.AttendeeCount,
                    body.ExperiencedRebufferingPercentage / 100,
                    body.AverageExperiencedRebufferDuration * RevUnits.SecondsPer(options.Value.Units.PostEventRebufferDuration),
                    body.ExperiencedErrorsPerAttendees,
                    body.MulticastErrorsPerAttendees),
            };
        }, cancellationToken);

    /// <summary>
    /// The deprecated report: a bare array, no paging. The seed documents <c>/api/v2/events/{id}/report</c>,
    /// Vbrick's OpenAPI <c>/api/v2/scheduled-events/{id}/report</c>; <paramref name="scheduledEventsPath"/> picks.
    /// </summary>
    public Task<IReadOnlyList<PostEventSession>> GetDeprecatedReportAsync(string eventId, bool scheduledEventsPath, CancellationToken cancellationToken) =>
        CallAsync<IReadOnlyList<PostEventSession>>(RevEndpoint.DeprecatedReport, async deadline =>
        {
            var path = scheduledEventsPath
                ? $"api/v2/scheduled-events/{Uri.EscapeDataString(eventId)}/report"
                : $"api/v2/events/{Uri.EscapeDataString(eventId)}/report";
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            using var response = await SendAsync(request, RevEndpoint.DeprecatedReport, scrolling: false, deadline);
            var sessions = await ReadAsync(response, RevJsonContext.Default.ListPostEventSessionDto, deadline) ?? [];
            return [.. sessions.OfType<PostEventSessionDto>().Select(ToSession)];
        }, cancellationToken);

    public Task<IReadOnlyList<PollResult>> GetPollResultsAsync(string eventId, int runNumber, CancellationToken cancellationToken) =>
        CallAsync<IReadOnlyList<PollResult>>(RevEndpoint.PollResults, async deadline =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, RunPath(eventId, "poll-results", runNumber, scrollId: null));
            using var response = await SendAsync(request, RevEndpoint.PollResults, scrolling: false, deadline);
            using var document = await ReadDocumentAsync(response, deadline);
            return PollResultsParser.Parse(document?.RootElement);
        }, cancellationToken);

    /// <summary>
    /// One page of the comment log. No <c>size</c> is sent: Rev's default (10,000 in Vbrick's spec) is
    /// its largest documented answer, and its 200 is a bare array that cannot be continued.
    /// </summary>
    public Task<CommentsPage> GetCommentsPageAsync(string eventId, int runNumber, string? scrollId, CancellationToken cancellationToken) =>
        CallAsync<CommentsPage>(RevEndpoint.Comments, async deadline =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, RunPath(eventId, "comments", runNumber, scrollId));
            using var response = await SendAsync(request, RevEndpoint.Comments, scrolling: scrollId is not null, deadline);
            using var document = await ReadDocumentAsync(response, deadline);
            return CommentsParser.Parse(document?.RootElement);
        }, cancellationToken);

    /// <summary>An event's per-run resource, continuing a scroll when one is given.</summary>
    private static string RunPath(string eventId, string resource, int runNumber, string? scrollId)
    {
        var path = string.Create(CultureInfo.InvariantCulture, $"api/v2/scheduled-events/{Uri.EscapeDataString(eventId)}/{resource}?runNumber={runNumber}");
        return string.IsNullOrEmpty(scrollId) ? path : path + "&scrollId=" + Uri.EscapeDataString(scrollId);
    }

    private PostEventSession ToSession(PostEventSessionDto dto) => new(
        ViewerIdentity.KeyOf(dto.Username, dto.Email, dto.Name),
        dto.Zone,
        dto.Browser,
        dto.DeviceType,
        dto.StreamAccessed,
        dto.SessionTime,
        dto.ViewingTime,
        dto.ExperiencedErrors,
        dto.MulticastErrors,
        dto.BufferEvents,
        dto.RebufferEvents,
        dto.RebufferDuration * RevUnits.SecondsPer(options.Value.Units.PostEventRebufferDuration))
    {
        EnteredAt = dto.EnteredDate,
        ExitedAt = dto.ExitedDate,
        ViewingStartAt = dto.ViewingStartTime,
        ECdnTime = dto.ECdnTime,
        PublicCdnTime = dto.PublicCdnTime,
    };

    private static async Task<T?> ReadAsync<T>(HttpResponseMessage response, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            return await JsonSerializer.DeserializeAsync(stream, type, cancellationToken);
        }
        catch (JsonException ex)
        {
            throw new RevApiException(RevErrorKind.Malformed, "Rev answered with JSON of an unexpected shape.", inner: ex);
        }
        catch (IOException ex)
        {
            throw new RevApiException(RevErrorKind.Network, "The connection to Rev broke while reading a report.", inner: ex);
        }
    }

    /// <summary>Reads a body whose shape varies; an empty body (a webcast that never broadcast) is null.</summary>
    private static async Task<JsonDocument?> ReadDocumentAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        if (bytes.AsSpan().Trim(" \t\r\n"u8).IsEmpty)
        {
            return null;
        }

        try
        {
            return JsonDocument.Parse(bytes);
        }
        catch (JsonException ex)
        {
            throw new RevApiException(RevErrorKind.Malformed, "Rev answered with malformed JSON.", inner: ex);
        }
    }
}
