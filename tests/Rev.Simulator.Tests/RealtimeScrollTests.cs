using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Vbrick.Rev.Simulator.Tests;

/// <summary>The real-time endpoint over HTTP on loopback: scroll lifetime, sort order, zone search.</summary>
public sealed class RealtimeScrollTests : IAsyncLifetime
{
    private const string EventId = SimulatorTenant.LiveId;

    private SimulatorTenant _tenant = null!;

    public async ValueTask InitializeAsync() =>
        _tenant = await SimulatorTenant.StartAsync(o =>
        {
            o.ScrollLifetime = TimeSpan.FromSeconds(60);
            o.Events = [new SimulatedEvent { Id = EventId, Viewers = 3_000, Seed = 3, StartsAt = SimulatorTenant.Now.AddMinutes(-30), Duration = TimeSpan.FromHours(2) }];
        });

    public ValueTask DisposeAsync() => _tenant.DisposeAsync();

    [Fact]
    public async Task AScrollIdleForItsLifetime_IsForgotten_AndOneUsedInTime_IsNot()
    {
        var first = await PageAsync(new { count = 500, status = "All", attendeeDetails = "All" });
        _tenant.Time.Advance(TimeSpan.FromSeconds(59));
        var second = await PageAsync(new { count = 500, status = "All", attendeeDetails = "All", scrollId = first.ScrollId });
        _tenant.Time.Advance(TimeSpan.FromSeconds(61));

        using var expired = await PostAsync(new { count = 500, status = "All", attendeeDetails = "All", scrollId = second.ScrollId });

        Assert.NotEmpty(second.Sessions);
        Assert.Empty(first.Sessions.Intersect(second.Sessions));
        Assert.Equal(HttpStatusCode.BadRequest, expired.StatusCode);
        Assert.Equal(1, _tenant.Simulator.Stats.ScrollsExpired);
    }

    [Fact]
    public async Task FirstPagesOfFreshScrolls_InTheSameSort_HoldTheSameSessions()
    {
        var a = await PageAsync(new { count = 500, status = "All", attendeeDetails = "All", sortField = "FullName", sortDirection = "asc" });
        _tenant.Time.Advance(TimeSpan.FromMinutes(3));
        var b = await PageAsync(new { count = 500, status = "All", attendeeDetails = "All", sortField = "FullName", sortDirection = "asc" });
        var descending = await PageAsync(new { count = 500, status = "All", attendeeDetails = "All", sortField = "FullName", sortDirection = "desc" });

        // Viewers who joined meanwhile sort in between: the page is stable, not frozen.
        Assert.True(a.Sessions.Intersect(b.Sessions).Count() >= 450, $"{a.Sessions.Intersect(b.Sessions).Count()} sessions in common");
        Assert.NotEqual(a.Sessions, descending.Sessions);
        Assert.Equal(a.Names.Order(StringComparer.Ordinal), a.Names);
    }

    [Fact]
    public async Task AZoneSearch_ReturnsThatZonesSessionsOnly()
    {
        var page = await PageAsync(new { count = 500, status = "All", attendeeDetails = "All", q = "singapore", searchField = "ZoneName" });

        Assert.NotEmpty(page.Zones);
        Assert.All(page.Zones, z => Assert.Equal("Singapore Office", z));
        var expected = _tenant.Simulator.Audience(EventId).RecordsAt(_tenant.Time.GetUtcNow()).Count(r => r.Zone == "Singapore Office");
        Assert.Equal(Math.Min(500, expected), page.Zones.Count);
    }

    private Task<HttpResponseMessage> PostAsync(object body) => _tenant.PostRealtimeAsync(body);

    private async Task<Page> PageAsync(object body)
    {
        using var response = await PostAsync(body);
        response.EnsureSuccessStatusCode();
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        var items = Property(json, "attendees").EnumerateArray().ToList();
        return new Page(
            json.TryGetProperty("scrollId", out var s) ? s.GetString() : null,
            [.. items.Select(i => Property(i, "sessionId").GetString()!)],
            [.. items.Select(i => Property(i, "fullName").GetString()!)],
            [.. items.Select(i => Property(i, "zoneName").GetString()!)]);
    }

    private static JsonElement Property(JsonElement element, string name) =>
        element.EnumerateObject().First(p => p.Name.Equals(name, StringComparison.OrdinalIgnoreCase)).Value;

    private sealed record Page(string? ScrollId, List<string> Sessions, List<string> Names, List<string> Zones);
}
