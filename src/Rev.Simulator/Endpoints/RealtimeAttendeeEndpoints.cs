using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Vbrick.Rev.Simulator.Audience;
using Vbrick.Rev.Simulator.Faults;

namespace Vbrick.Rev.Simulator.Endpoints;

/// <summary><c>POST /api/v2/scheduled-events/{id}/real-time/attendees</c> with scroll paging and the account rate limit.</summary>
internal static class RealtimeAttendeeEndpoints
{
    public static void Map(WebApplication app, RevSimulator simulator)
    {
        app.MapPost("/api/v2/scheduled-events/{eventId}/real-time/attendees", (HttpContext context, string eventId) => HandleAsync(context, simulator, eventId));
    }

    private static async Task HandleAsync(HttpContext context, RevSimulator simulator, string eventId)
    {
        var now = simulator.Time.GetUtcNow();
        simulator.Stats.Record(FaultTarget.RealtimeAttendees, now);
        var request = await RealtimeRequest.ReadAsync(context);
        simulator.Stats.RecordRealtimeRun(eventId, request.RunNumber, simulator.Time.GetUtcNow());
        var fault = simulator.Faults.Take(FaultTarget.RealtimeAttendees, request.ScrollId is not null, eventId);
        if (await SimulatorHttp.RejectUnauthorizedAsync(context, simulator, fault))
        {
            return;
        }

        if (simulator.TryAcceptRealtime() is { } wait)
        {
            simulator.Stats.RecordRateLimited();
            if (simulator.Options.Dialect.RateLimitAnswer == RateLimitAnswer.WithRetryAfter)
            {
                context.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            await SimulatorHttp.WriteErrorAsync(context, StatusCodes.Status429TooManyRequests, "TooManyRequests", "Rate limit exceeded.");
            return;
        }

        if (await SimulatorHttp.ApplyGenericFaultAsync(context, simulator, fault)
            || await SimulatorHttp.FindEventAsync(context, simulator, eventId) is not { } audience)
        {
            return;
        }

        ScrollCursor cursor;
        var position = 0;
        var repeat = fault?.Kind == FaultKind.RepeatPage;
        if (request.ScrollId is { } scrollId)
        {
            if (fault?.Kind == FaultKind.ExpireScroll)
            {
                simulator.ForgetScroll(scrollId);
            }

            var found = simulator.TakeScroll(scrollId, keep: repeat);
            if (found is null)
            {
                await WriteExpiredScrollAsync(context, simulator);
                return;
            }

            cursor = found;
            position = repeat ? cursor.PreviousPosition : cursor.Position;
            if (simulator.Options.Dialect.ContinuationFigures == ContinuationFigures.Fresh)
            {
                // The page's records stay the scroll's snapshot; its event-wide figures are of now.
                cursor = cursor with { Figures = audience.FiguresAt(now, cursor.StatusFilter, cursor.Matches) };
            }
        }
        else
        {
            var rule = simulator.Options.QueryMatchRule;
            bool Matches(int index) => request.Matches(audience, index, rule);
            var figures = audience.FiguresAt(now, request.Status, Matches);
            var order = audience.Order(request.SortField, request.Descending);
            cursor = new ScrollCursor(eventId, now, 0, 0, figures, request.Status, order, Matches);
        }

        if (fault?.Kind is FaultKind.Initiated or FaultKind.InitiatedEmpty)
        {
            var counts = fault.Kind == FaultKind.Initiated ? cursor.Figures : cursor.Figures with { HostCount = 0, ModeratorCount = 0, AttendeeCount = 0 };
            await RealtimePageWriter.WriteInitiatedAsync(context, counts);
            return;
        }

        var pageSize = fault?.Kind == FaultKind.OversizedPage ? (int)Math.Min(fault.Size, int.MaxValue) : Math.Min(request.Count, simulator.Options.MaxPageSize);
        var page = new List<ViewerRecord>(pageSize);
        var next = position;
        var end = repeat ? cursor.Position : audience.Viewers;
        for (; next < end && page.Count < pageSize; next++)
        {
            if (cursor.Matches(cursor.Order[next]) && audience.At(cursor.Order[next], cursor.SnapshotAt) is { } record && Matches(record, cursor.StatusFilter))
            {
                page.Add(record);
            }
        }

        string? nextScrollId;
        if (repeat)
        {
            nextScrollId = request.ScrollId;
        }
        else
        {
            var more = HasMore(audience, cursor, next);
            nextScrollId = more || (simulator.Options.Dialect.ScrollEnd == ScrollEnd.EmptyPage && page.Count > 0)
                ? simulator.StoreScroll(cursor with { Position = next, PreviousPosition = position }, request.ScrollId)
                : null;
        }

        await RealtimePageWriter.WriteAsync(context, simulator.Options.AttendeeKeyCasing, request.Details, cursor.Figures, page, nextScrollId, new PageShape(
            Truncate: fault?.Kind == FaultKind.TruncatedJson,
            Junk: fault?.Kind == FaultKind.JunkItems,
            LiveMilliseconds: simulator.Options.Dialect.LiveDurations == DurationUnit.Milliseconds,
            AverageMilliseconds: simulator.Options.Dialect.IntegerDurations == DurationUnit.Milliseconds,
            IntegerRatios: simulator.Options.Dialect.EventRatios == EventRatios.WholeNumbers));
    }

    private static bool HasMore(AudienceModel audience, ScrollCursor cursor, int from)
    {
        for (var i = from; i < audience.Viewers; i++)
        {
            if (cursor.Matches(cursor.Order[i]) && audience.Numbers(cursor.Order[i], cursor.SnapshotAt) is { } n && Matches(n.Online ? "Online" : "Offline", cursor.StatusFilter))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Matches(ViewerRecord record, string status) => Matches(record.Status, status);

    private static bool Matches(string recordStatus, string status) =>
        status.Equals("All", StringComparison.OrdinalIgnoreCase) || status.Equals(recordStatus, StringComparison.OrdinalIgnoreCase);

    private static Task WriteExpiredScrollAsync(HttpContext context, RevSimulator simulator)
    {
        simulator.Stats.RecordScrollExpired();
        if (simulator.Options.Dialect.ExpiredScroll == ExpiredScroll.Http400)
        {
            return SimulatorHttp.WriteErrorAsync(context, StatusCodes.Status400BadRequest, "InvalidScrollId", "Scroll id is not valid or has expired.");
        }

        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(JsonSerializer.Serialize(new Dictionary<string, object> { ["statusCode"] = 400, ["statusDescription"] = "Invalid scroll id" }));
    }
}
