using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Vbrick.Rev.Simulator.Audience;
using Vbrick.Rev.Simulator.Faults;

namespace Vbrick.Rev.Simulator.Endpoints;

/// <summary>Event search, the post-event report (and its deprecated form), poll results and comments.</summary>
internal static class PostEventEndpoints
{
    private const int ReportPageSize = 500;

    /// <summary>The comment log's default <c>size</c> in Vbrick's OpenAPI.</summary>
    public const int DefaultCommentsSize = 10_000;

    public static void Map(WebApplication app, RevSimulator simulator)
    {
        app.MapGet("/api/v2/scheduled-events", (HttpContext context) => Guarded(context, simulator, FaultTarget.ListEvents, null, (_, _) => ListEventsAsync(context, simulator)));
        app.MapGet("/api/v2/scheduled-events/{eventId}/post-event-report", (HttpContext context, string eventId) =>
            Guarded(context, simulator, FaultTarget.PostEventReport, eventId, (audience, fault) => ReportAsync(context, simulator, audience)));
        app.MapGet("/api/v2/events/{eventId}/report", (HttpContext context, string eventId) =>
            Guarded(context, simulator, FaultTarget.DeprecatedReport, eventId, (audience, _) => DeprecatedReportAsync(context, simulator, audience, atScheduledEventsPath: false)));
        app.MapGet("/api/v2/scheduled-events/{eventId}/report", (HttpContext context, string eventId) =>
            Guarded(context, simulator, FaultTarget.DeprecatedReport, eventId, (audience, _) => DeprecatedReportAsync(context, simulator, audience, atScheduledEventsPath: true)));
        app.MapGet("/api/v2/scheduled-events/{eventId}/poll-results", (HttpContext context, string eventId) =>
            Guarded(context, simulator, FaultTarget.PollResults, eventId, (audience, _) => PollsAsync(context, simulator, audience)));
        app.MapGet("/api/v2/scheduled-events/{eventId}/comments", (HttpContext context, string eventId) =>
            Guarded(context, simulator, FaultTarget.Comments, eventId, (audience, _) => CommentsAsync(context, simulator, audience)));
    }

    private static async Task Guarded(HttpContext context, RevSimulator simulator, FaultTarget target, string? eventId, Func<AudienceModel?, Fault?, Task> handle)
    {
        simulator.Stats.Record(target, simulator.Time.GetUtcNow());
        var fault = simulator.Faults.Take(target, context.Request.Query.ContainsKey("scrollId"), eventId);
        if (await SimulatorHttp.RejectUnauthorizedAsync(context, simulator, fault) || await SimulatorHttp.ApplyGenericFaultAsync(context, simulator, fault))
        {
            return;
        }

        AudienceModel? audience = null;
        if (eventId is not null && (audience = await SimulatorHttp.FindEventAsync(context, simulator, eventId)) is null)
        {
            return;
        }

        await handle(audience, fault);
    }

    private static Task ListEventsAsync(HttpContext context, RevSimulator simulator)
    {
        var after = DateTimeOffset.TryParse(context.Request.Query["after"], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var a) ? a : DateTimeOffset.MinValue;
        var before = DateTimeOffset.TryParse(context.Request.Query["before"], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var b) ? b : DateTimeOffset.MaxValue;
        List<SimulatedEvent> events;
        lock (simulator.Options.Events)
        {
            events = [.. simulator.Options.Events];
        }

        var items = events
            .Where(e => e.StatusOverride != "Deleted" && e.StartsAt + e.Duration >= after && e.StartsAt <= before)
            .Select(e => new Dictionary<string, object?> { ["id"] = e.Id, ["title"] = e.Title, ["startDate"] = Date(simulator, e.StartsAt), ["endDate"] = Date(simulator, e.StartsAt + e.Duration) });
        return context.Response.WriteAsJsonAsync(items);
    }

    private static async Task ReportAsync(HttpContext context, RevSimulator simulator, AudienceModel? audience)
    {
        if (simulator.Options.Dialect.PostEventReport == PostEventReport.Missing)
        {
            await SimulatorHttp.WriteErrorAsync(context, StatusCodes.Status404NotFound, "NotFound", "Not found.");
            return;
        }

        var model = simulator.PostEvent(audience!.Event.Id);
        if (simulator.Time.GetUtcNow() < model.EndsAt)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.Response.WriteAsJsonAsync(new Dictionary<string, object?> { ["sessions"] = Array.Empty<object>(), ["totalSessions"] = 0, ["errorDescription"] = "The event has not ended." });
            return;
        }

        var run = int.TryParse(context.Request.Query["runNumber"], NumberStyles.None, CultureInfo.InvariantCulture, out var r) ? r : 0;
        var start = int.TryParse(context.Request.Query["scrollId"].ToString().Replace("report-", string.Empty, StringComparison.Ordinal), NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : 0;
        var sessions = model.Sessions(run, simulator.Time.GetUtcNow());
        var page = sessions.Skip(start).Take(Math.Min(ReportPageSize, simulator.Options.MaxPageSize)).ToList();
        var next = start + page.Count < sessions.Count ? "report-" + (start + page.Count).ToString(CultureInfo.InvariantCulture) : null;
        // Rev 7.45+ carries its event-wide CDN totals on the first page.
        var cdn = start == 0 ? PostEventModel.Totals(sessions) : default;
        var totals = start == 0 ? (cdn.ECdn, cdn.PublicCdn, PostEventModel.Figures(sessions)) : ((string, string, EventFigures)?)null;
        await WriteSessionsAsync(context, page, buffering: true, wrapper: (sessions.Count, next, totals), simulator.Options.Dialect.IntegerDurations == DurationUnit.Milliseconds);
    }

    private static Task DeprecatedReportAsync(HttpContext context, RevSimulator simulator, AudienceModel? audience, bool atScheduledEventsPath) =>
        atScheduledEventsPath != (simulator.Options.Dialect.DeprecatedReportPath == DeprecatedReportPath.ScheduledEventsPathOnly)
            ? SimulatorHttp.WriteErrorAsync(context, StatusCodes.Status404NotFound, "NotFound", "Not found.")
            : WriteSessionsAsync(context, simulator.PostEvent(audience!.Event.Id).Sessions(0), buffering: false, wrapper: null, simulator.Options.Dialect.IntegerDurations == DurationUnit.Milliseconds);

    private static Task PollsAsync(HttpContext context, RevSimulator simulator, AudienceModel? audience)
    {
        var polls = simulator.PostEvent(audience!.Event.Id).Polls();
        object Poll(SimulatedPoll p, bool answersAsObject) => new Dictionary<string, object?>
        {
            ["id"] = p.Id,
            ["question"] = p.Question,
            ["totalResponses"] = p.TotalResponses,
            ["totalNoResponses"] = p.TotalNoResponses,
            ["allowMultipleAnswers"] = p.AllowMultipleAnswers,
            ["whenPollCreated"] = audience.Event.StartsAt,
            ["pollAnswers"] = answersAsObject
                ? new Dictionary<string, object?> { ["answer"] = p.Answers[0].Answer, ["votes"] = p.Answers[0].Votes }
                : p.Answers.Select(a => new Dictionary<string, object?> { ["answer"] = a.Answer, ["votes"] = a.Votes }).ToList(),
        };

        return simulator.Options.PollShape switch
        {
            PollShape.BareArray => context.Response.WriteAsJsonAsync(polls.Select(p => Poll(p, false))),
            PollShape.SingleObject => context.Response.WriteAsJsonAsync(Poll(polls[0], true)),
            _ => context.Response.WriteAsJsonAsync(new Dictionary<string, object?> { ["polls"] = polls.Select(p => Poll(p, false)) }),
        };
    }

    private static Task CommentsAsync(HttpContext context, RevSimulator simulator, AudienceModel? audience)
    {
        var comments = simulator.PostEvent(audience!.Event.Id).Comments();
        static object Item(SimulatedComment c) => new Dictionary<string, object?>
        {
            ["commentId"] = c.CommentId,
            ["userId"] = c.UserId,
            ["username"] = c.Username,
            ["date"] = c.Date,
            ["comment"] = c.Text,
            ["htmlComment"] = "<p>" + c.Text + "</p>",
            ["hidden"] = c.Hidden,
        };

        if (simulator.Options.Dialect.Comments == CommentsShape.BareArray)
        {
            // Vbrick's spec: a bare array of at most `size` comments, 10,000 when not given, no scrollId.
            var limit = int.TryParse(context.Request.Query["size"], NumberStyles.None, CultureInfo.InvariantCulture, out var asked) && asked > 0 ? asked : DefaultCommentsSize;
            return context.Response.WriteAsJsonAsync(comments.Take(limit).Select(Item));
        }

        var size = int.TryParse(context.Request.Query["size"], NumberStyles.None, CultureInfo.InvariantCulture, out var z) ? Math.Clamp(z, 1, 100) : 100;
        var start = int.TryParse(context.Request.Query["scrollId"].ToString().Replace("comments-", string.Empty, StringComparison.Ordinal), NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : 0;
        var page = comments.Skip(start).Take(size).ToList();
        var next = start + page.Count < comments.Count ? "comments-" + (start + page.Count).ToString(CultureInfo.InvariantCulture) : null;
        return context.Response.WriteAsJsonAsync(new Dictionary<string, object?> { ["comments"] = page.Select(Item), ["scrollId"] = next });
    }

    private static async Task WriteSessionsAsync(HttpContext context, IReadOnlyList<ReportSession> sessions, bool buffering, (int Total, string? ScrollId, (string ECdn, string PublicCdn, EventFigures Figures)? Totals)? wrapper, bool milliseconds)
    {
        context.Response.ContentType = "application/json";
        await using var json = new Utf8JsonWriter(context.Response.Body);
        if (wrapper is not null)
        {
            json.WriteStartObject();
            json.WritePropertyName("sessions");
        }

        json.WriteStartArray();
        foreach (var s in sessions)
        {
            var v = s.Viewer;
            json.WriteStartObject();
            json.WriteString("userType", "User");
            json.WriteString("attendeeType", v.AttendeeType);
            json.WriteString("name", v.FullName);
            json.WriteString("username", v.Username);
            json.WriteString("email", v.Email);
            json.WriteString("ipAddress", v.IpAddress);
            json.WriteString("browser", v.Browser);
            json.WriteString("deviceType", s.DeviceType);
            json.WriteString("zone", v.Zone);
            json.WriteString("deviceAccessed", "Desktop");
            json.WriteString("streamAccessed", v.StreamAccessed);
            json.WriteString("sessionTime", s.SessionText);
            json.WriteString("viewingTime", s.ViewingText);
            if (s.EnteredAt is { } entered)
            {
                json.WriteString("enteredDate", entered);
            }
            else
            {
                json.WriteString("enteredDate", "unknown");
            }

            if (s.ExitedAt is { } exited)
            {
                json.WriteString("exitedDate", exited);
            }

            json.WriteString("eCDNTime", PostEventModel.CdnText(s.ECdnSeconds, v.Index + 2));
            json.WriteString("publicCDNTime", PostEventModel.CdnText(s.PublicCdnSeconds, v.Index + 3));
            if (s.ViewingStartAt is { } playing)
            {
                json.WriteString("viewingStartTime", playing);
            }
            json.WriteNumber("experiencedErrors", v.Errors);
            json.WriteNumber("multicastErrors", v.MulticastFailovers);
            if (buffering)
            {
                json.WriteNumber("bufferEvents", v.BufferingCount);
                json.WriteNumber("rebufferEvents", s.RebufferEvents);
                json.WriteNumber("rebufferDuration", RealtimePageWriter.Duration(v.BufferingSeconds, milliseconds));
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        if (wrapper is { } w)
        {
            json.WriteNumber("totalSessions", w.Total);
            if (w.Totals is { } totals)
            {
                json.WriteString("totalECDNTime", totals.ECdn);
                json.WriteString("totalPublicCDNTime", totals.PublicCdn);
                json.WriteNumber("hostCount", totals.Figures.HostCount);
                json.WriteNumber("moderatorCount", totals.Figures.ModeratorCount);
                json.WriteNumber("attendeeCount", totals.Figures.AttendeeCount);
                json.WriteNumber("experiencedRebufferingPercentage", totals.Figures.RebufferingPercentage);
                json.WriteNumber("averageExperiencedRebufferDuration", RealtimePageWriter.Duration(totals.Figures.AverageRebufferDuration, milliseconds));
                json.WriteNumber("experiencedErrorsPerAttendees", totals.Figures.ErrorsPerAttendee);
                json.WriteNumber("multicastErrorsPerAttendees", totals.Figures.MulticastErrorsPerAttendee);
            }

            json.WriteString("scrollId", w.ScrollId);
            json.WriteEndObject();
        }

        await json.FlushAsync(context.RequestAborted);
    }

    private static object Date(RevSimulator simulator, DateTimeOffset at) =>
        simulator.Options.Dialect.FieldFormats == FieldFormats.Loose ? at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) : at;
}
