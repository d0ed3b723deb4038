using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Vbrick.Rev.Simulator.Tests;

/// <summary>
/// The simulator stands in for Rev in about sixty exporter tests, so its answers must have Rev's
/// shapes: every field of the seed's example responses (Rev API reference, "Get Real-time
/// Attendees" and "Post Event Report"), in the casing Vbrick's OpenAPI examples use where that
/// differs, and Rev's real-time rate limit.
/// </summary>
public sealed class ResponseShapeTests
{
    /// <summary>The seed's example real-time attendee, field for field.</summary>
    private static readonly string[] SeedAttendeeFields =
    [
        "UserId", "Username", "FullName", "UserType", "AttendeeType", "Email", "Status", "ExperiencedErrors",
        "MulticastFailovers", "ExperiencedBufferingDuration", "ExperiencedBufferingCount", "AvgExperiencedBufferingDuration",
        "AvgBitrateKbps", "AvgBandwidthMbps", "ZoneId", "ZoneName", "IpAddress", "StreamDevice", "StreamAccessed",
        "PlayerDevice", "Browser", "VideoPlayer", "VideoFormat", "UserAgent", "OsName", "OsFamily", "DeviceId",
        "RevConnect", "StreamType", "SessionId", "ProfileImageUrl",
    ];

    /// <summary>The seed's example post-event session, field for field.</summary>
    private static readonly string[] SeedReportSessionFields =
    [
        "userType", "name", "username", "email", "ipAddress", "browser", "deviceType", "zone", "deviceAccessed",
        "streamAccessed", "sessionTime", "viewingTime", "enteredDate", "exitedDate", "viewingStartTime",
        "experiencedErrors", "multicastErrors", "bufferEvents", "rebufferEvents", "rebufferDuration",
    ];

    [Theory]
    [InlineData(KeyCasing.Pascal)]
    [InlineData(KeyCasing.Camel)]
    public async Task RealtimePage_HasEveryFieldOfTheSeedExample_InTheChosenCasing(KeyCasing casing)
    {
        await using var tenant = await SimulatorTenant.StartAsync(o => o.AttendeeKeyCasing = casing);

        using var response = await tenant.PostRealtimeAsync(new { count = 5, status = "All", attendeeDetails = "All" });
        var page = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        foreach (var field in new[] { "scrollId", "total", "attendees", "status" })
        {
            Assert.True(page.TryGetProperty(field, out _), $"the page lacks {field}");
        }

        Assert.Equal(JsonValueKind.Number, page.GetProperty("total").ValueKind);
        var attendee = Assert.Single(page.GetProperty("attendees").EnumerateArray().Take(1));
        foreach (var field in SeedAttendeeFields)
        {
            var key = casing == KeyCasing.Pascal ? field : char.ToLowerInvariant(field[0]) + field[1..];
            Assert.True(attendee.TryGetProperty(key, out _), $"an attendee lacks {key}");
        }
    }

    [Fact]
    public async Task PostEventReport_HasEveryFieldOfTheSeedExample()
    {
        await using var tenant = await SimulatorTenant.StartAsync();

        using var response = await tenant.Http.GetAsync($"/api/v2/scheduled-events/{SimulatorTenant.EndedId}/post-event-report?runNumber=0", TestContext.Current.CancellationToken);
        var report = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(JsonValueKind.Number, report.GetProperty("totalSessions").ValueKind);
        Assert.True(report.TryGetProperty("scrollId", out _));
        var session = report.GetProperty("sessions").EnumerateArray().First();
        foreach (var field in SeedReportSessionFields)
        {
            Assert.True(session.TryGetProperty(field, out _), $"a report session lacks {field}");
        }

        // Rev 7.45+: the delivery split per session, and the event-wide totals on the first page.
        Assert.True(session.TryGetProperty("eCDNTime", out _));
        Assert.True(session.TryGetProperty("publicCDNTime", out _));
        Assert.Equal(JsonValueKind.String, report.GetProperty("totalECDNTime").ValueKind);
        Assert.Equal(JsonValueKind.String, report.GetProperty("totalPublicCDNTime").ValueKind);
        var sessions = report.GetProperty("sessions").EnumerateArray().ToList();
        Assert.Contains(sessions, s => !s.TryGetProperty("exitedDate", out _));
    }

    [Fact]
    public async Task RealtimeRateLimit_ThirdRequestInAMinute_Is429WithRetryAfter_AndTheNextMinuteIsServed()
    {
        await using var tenant = await SimulatorTenant.StartAsync(o => o.RealtimeRequestsPerMinute = 2);
        var request = new { count = 5, status = "All", attendeeDetails = "All" };

        using var first = await tenant.PostRealtimeAsync(request);
        tenant.Time.Advance(TimeSpan.FromSeconds(20));
        using var second = await tenant.PostRealtimeAsync(request);
        tenant.Time.Advance(TimeSpan.FromSeconds(20));
        using var third = await tenant.PostRealtimeAsync(request);
        tenant.Time.Advance(TimeSpan.FromSeconds(21));
        using var fourth = await tenant.PostRealtimeAsync(request);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.InRange(third.Headers.RetryAfter?.Delta?.TotalSeconds ?? -1, 1, 20);
        Assert.Equal(HttpStatusCode.OK, fourth.StatusCode);
        Assert.Equal(1, tenant.Simulator.Stats.RateLimited);
    }
}
