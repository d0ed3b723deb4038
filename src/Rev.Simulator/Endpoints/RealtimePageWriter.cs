using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Vbrick.Rev.Simulator.Audience;

namespace Vbrick.Rev.Simulator.Endpoints;

/// <summary>Writes a real-time page the way Rev shapes it, streaming so large pages never sit in memory.</summary>
public static class RealtimePageWriter
{
    public static Task WriteAsync(HttpContext context, KeyCasing casing, string details, EventFigures figures, List<ViewerRecord> page, string? scrollId, PageShape shape)
    {
        context.Response.ContentType = "application/json";
        return WriteAsync(context.Response.Body, casing, details, figures, page, scrollId, shape, context.RequestAborted);
    }

    /// <summary>A duration as Rev might write it: seconds, or integer milliseconds (Vbrick's spec types some as integers).</summary>
    public static double Duration(double seconds, bool milliseconds) => milliseconds ? Math.Round(seconds * 1000) : seconds;

    /// <summary>A real-time page exactly as the simulator serves it (benchmarks render pages with this).</summary>
    public static async Task WriteAsync(Stream body, KeyCasing casing, string details, EventFigures figures, List<ViewerRecord> page, string? scrollId, PageShape shape, CancellationToken cancellationToken)
    {
        await using var json = new Utf8JsonWriter(body);
        json.WriteStartObject();
        json.WriteString("scrollId", scrollId);
        WriteFigures(json, figures, shape);
        json.WriteString("status", "Active");
        json.WritePropertyName("attendees");
        json.WriteStartArray();
        if (shape.Junk)
        {
            json.WriteNumberValue(42);
            json.WriteNullValue();
            json.WriteStringValue("not an attendee");
        }

        if (!details.Equals("Counts", StringComparison.OrdinalIgnoreCase))
        {
            var all = details.Equals("All", StringComparison.OrdinalIgnoreCase);
            for (var i = 0; i < page.Count; i++)
            {
                WriteRecord(json, page[i], casing, all, shape.LiveMilliseconds);
                if (shape.Truncate && i == page.Count / 2)
                {
                    // Break off mid-array, the way a dropped proxy connection looks to a client.
                    await json.FlushAsync(cancellationToken);
                    await body.WriteAsync("{\"SessionId\":\"broken"u8.ToArray(), cancellationToken);
                    return;
                }

                if (i % 100 == 99)
                {
                    await json.FlushAsync(cancellationToken);
                }
            }
        }

        json.WriteEndArray();
        json.WriteEndObject();
        await json.FlushAsync(cancellationToken);
    }

    public static async Task WriteInitiatedAsync(HttpContext context, EventFigures figures)
    {
        context.Response.ContentType = "application/json";
        await using var json = new Utf8JsonWriter(context.Response.Body);
        json.WriteStartObject();
        json.WriteNull("scrollId");
        json.WriteNumber("total", 0);
        json.WriteNumber("hostCount", figures.HostCount);
        json.WriteNumber("moderatorCount", figures.ModeratorCount);
        json.WriteNumber("attendeeCount", figures.AttendeeCount);
        json.WriteStartArray("attendees");
        json.WriteEndArray();
        json.WriteString("status", "Initiated");
        json.WriteEndObject();
        await json.FlushAsync(context.RequestAborted);
    }

    private static void WriteFigures(Utf8JsonWriter json, EventFigures figures, PageShape shape)
    {
        json.WriteNumber("total", figures.Total);
        json.WriteNumber("hostCount", figures.HostCount);
        json.WriteNumber("moderatorCount", figures.ModeratorCount);
        json.WriteNumber("attendeeCount", figures.AttendeeCount);
        json.WriteNumber("experiencedRebufferingPercentage", figures.RebufferingPercentage);
        var average = Duration(figures.AverageRebufferDuration, shape.AverageMilliseconds);
        json.WriteNumber("averageExperiencedRebufferDuration", shape.IntegerRatios ? Math.Round(average) : average);
        json.WriteNumber("experiencedErrorsPerAttendees", shape.IntegerRatios ? Math.Round(figures.ErrorsPerAttendee) : figures.ErrorsPerAttendee);
        json.WriteNumber("multicastErrorsPerAttendees", shape.IntegerRatios ? Math.Round(figures.MulticastErrorsPerAttendee) : figures.MulticastErrorsPerAttendee);
    }

    private static void WriteRecord(Utf8JsonWriter json, ViewerRecord r, KeyCasing casing, bool all, bool milliseconds)
    {
        json.WriteStartObject();
        json.WriteString(Key("UserId", casing), r.UserId);
        json.WriteString(Key("Username", casing), r.Username);
        json.WriteString(Key("Email", casing), r.Email);
        json.WriteString(Key("StartTime", casing), r.StartTime);
        json.WriteString(Key("SessionId", casing), r.SessionId);
        json.WriteString(Key("FullName", casing), r.FullName);
        if (all)
        {
            json.WriteString(Key("UserType", casing), "User");
            json.WriteString(Key("AttendeeType", casing), r.AttendeeType);
            json.WriteString(Key("Status", casing), r.Status);
            json.WriteNumber(Key("ExperiencedErrors", casing), r.Errors);
            json.WriteNumber(Key("MulticastFailovers", casing), r.MulticastFailovers);
            json.WriteNumber(Key("ExperiencedBufferingDuration", casing), Duration(r.BufferingSeconds, milliseconds));
            json.WriteNumber(Key("ExperiencedBufferingCount", casing), r.BufferingCount);
            json.WriteNumber(Key("AvgExperiencedBufferingDuration", casing), r.BufferingCount > 0 ? Duration(Math.Round(r.BufferingSeconds / r.BufferingCount, 3), milliseconds) : 0);
            json.WriteNumber(Key("AvgBitrateKbps", casing), r.BitrateKbps);
            json.WriteNumber(Key("AvgBandwidthMbps", casing), r.BandwidthMbps);
            json.WriteString(Key("ZoneId", casing), r.Zone is null ? null : "zone-" + r.Zone.GetHashCode(StringComparison.Ordinal).ToString("x", System.Globalization.CultureInfo.InvariantCulture));
            json.WriteString(Key("ZoneName", casing), r.Zone);
            json.WriteString(Key("IpAddress", casing), r.IpAddress);
            json.WriteString(Key("StreamDevice", casing), "Desktop");
            json.WriteString(Key("StreamAccessed", casing), r.StreamAccessed);
            json.WriteString(Key("PlayerDevice", casing), "Desktop");
            json.WriteString(Key("Browser", casing), r.Browser);
            json.WriteString(Key("VideoPlayer", casing), "Vbrick");
            json.WriteString(Key("VideoFormat", casing), "H264");
            json.WriteString(Key("UserAgent", casing), r.UserAgent);
            json.WriteString(Key("OsName", casing), "SimulatedOS");
            json.WriteString(Key("OsFamily", casing), "SimulatedOS");
            json.WriteString(Key("DeviceId", casing), "device-" + r.Index.ToString(System.Globalization.CultureInfo.InvariantCulture));
            json.WriteBoolean(Key("RevConnect", casing), r.RevConnect);
            json.WriteString(Key("StreamType", casing), r.StreamType);
            json.WriteNull(Key("ProfileImageUrl", casing));
        }

        json.WriteEndObject();
    }

    private static string Key(string pascal, KeyCasing casing) =>
        casing == KeyCasing.Pascal ? pascal : char.ToLowerInvariant(pascal[0]) + pascal[1..];
}

/// <summary>
/// How a real-time page is written beyond its data: broken off halfway (<see cref="Truncate"/>), with
/// items that are not objects (<see cref="Junk"/>), durations in integer milliseconds (live per
/// attendee, event-wide average), event-wide ratios as integers (as Vbrick's OpenAPI types them).
/// </summary>
public sealed record PageShape(bool Truncate = false, bool Junk = false, bool LiveMilliseconds = false, bool AverageMilliseconds = false, bool IntegerRatios = false)
{
    public static readonly PageShape Plain = new();
}
