using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Vbrick.Rev.Simulator.Search;

namespace Vbrick.Rev.Simulator.Tests;

/// <summary>
/// A search's records and <c>total</c> under each <c>q</c> match rule, sorted by the searched field,
/// and the nested zone list: the ground the exporter's zone census is tested on.
/// </summary>
public sealed class SearchAndZoneTests
{
    private static readonly IReadOnlyList<(string? Zone, double Weight, bool Office)> Zones =
    [
        ("HQ London", 0.30, true), ("London", 0.05, true), ("Oslo Office", 0.25, true), ("New York Office", 0.20, true), ("VPN", 0.20, false),
    ];

    [Theory]
    [InlineData(QueryMatchRule.Exact, new[] { "London" })]
    [InlineData(QueryMatchRule.Substring, new[] { "HQ London", "London" })]
    [InlineData(QueryMatchRule.Words, new[] { "HQ London", "London" })]
    [InlineData(QueryMatchRule.Ignored, new[] { "HQ London", "London", "New York Office", "Oslo Office", "VPN" })]
    public async Task AZoneSearch_MatchesByTheTenantsRule_AndItsTotalCountsTheMatches(QueryMatchRule rule, string[] expected)
    {
        await using var tenant = await StartAsync(o => o.QueryMatchRule = rule);
        var truth = tenant.Simulator.Audience(SimulatorTenant.LiveId).RecordsAt(tenant.Time.GetUtcNow()).Where(r => r.IsOnline && expected.Contains(r.Zone)).ToList();

        var zones = new List<string?>();
        long? total = null;
        string? scrollId = null;
        do
        {
            using var response = await tenant.PostRealtimeAsync(new { count = 500, status = "Online", attendeeDetails = "All", q = "London", searchField = "ZoneName", sortField = "ZoneName", sortDirection = "asc", scrollId });
            var body = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
            total ??= body.GetProperty("total").GetInt64();
            zones.AddRange(body.GetProperty("attendees").EnumerateArray().Select(a => a.GetProperty("ZoneName").GetString()));
            scrollId = body.GetProperty("scrollId").GetString();
        }
        while (scrollId is not null);

        Assert.Equal(truth.Count, total);
        Assert.Equal(truth.Count, zones.Count);
        Assert.Equal(expected.Order(StringComparer.Ordinal), zones.Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(zones.Order(StringComparer.Ordinal), zones);
    }

    [Fact]
    public async Task WordsRule_MatchesAnySharedWord_NotASubstring()
    {
        await using var tenant = await StartAsync(o => o.QueryMatchRule = QueryMatchRule.Words);

        using var response = await tenant.PostRealtimeAsync(new { count = 500, status = "All", attendeeDetails = "All", q = "New York Office", searchField = "ZoneName", sortField = "ZoneName", sortDirection = "desc" });
        var zones = (await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("attendees").EnumerateArray().Select(a => a.GetProperty("ZoneName").GetString()).Distinct().ToList();

        // Sorted descending, Oslo Office comes first: matched on "Office" alone.
        Assert.Equal("Oslo Office", zones[0]);
    }

    [Fact]
    public async Task StreamTypeAndBrowserSearches_FilterAndSortByTheirField()
    {
        await using var tenant = await StartAsync(o => o.QueryMatchRule = QueryMatchRule.Exact);

        using var response = await tenant.PostRealtimeAsync(new { count = 500, status = "Online", attendeeDetails = "All", q = "Edge", searchField = "Browser", sortField = "Browser" });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        var truth = tenant.Simulator.Audience(SimulatorTenant.LiveId).RecordsAt(tenant.Time.GetUtcNow()).Count(r => r.IsOnline && r.Browser == "Edge");

        Assert.Equal(truth, body.GetProperty("total").GetInt64());
        Assert.All(body.GetProperty("attendees").EnumerateArray(), a => Assert.Equal("Edge", a.GetProperty("Browser").GetString()));
    }

    [Fact]
    public async Task ZoneList_NestsOfficesUnderAParent_WithTheDefaultZoneBeside()
    {
        await using var tenant = await StartAsync();

        var body = await tenant.Http.GetFromJsonAsync<JsonElement>("/api/v2/zones", TestContext.Current.CancellationToken);

        Assert.Equal("Default Zone", body.GetProperty("defaultZone").GetProperty("name").GetString());
        var top = body.GetProperty("zones").EnumerateArray().ToList();
        var parent = Assert.Single(top, z => z.GetProperty("childZones").GetArrayLength() > 0);
        Assert.Equal(["HQ London", "London", "Oslo Office", "New York Office"], parent.GetProperty("childZones").EnumerateArray().Select(z => z.GetProperty("name").GetString()));
        Assert.All(parent.GetProperty("childZones").EnumerateArray(), z => Assert.True(z.GetProperty("supportsMulticast").GetBoolean()));
        Assert.Contains(top, z => z.GetProperty("name").GetString() == "VPN");
    }

    [Fact]
    public async Task ZoneList_ForAKeyWithoutTheRight_Answers401()
    {
        await using var tenant = await StartAsync(o => o.Dialect = o.Dialect with { ZoneList = ZoneListAccess.Refused });

        using var response = await tenant.Http.GetAsync("/api/v2/zones", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private static Task<SimulatorTenant> StartAsync(Action<RevSimulatorOptions>? configure = null) =>
        SimulatorTenant.StartAsync(o =>
        {
            o.RealtimeRequestsPerMinute = null;
            o.Events = [new SimulatedEvent { Id = SimulatorTenant.LiveId, Viewers = 2_000, Seed = 5, StartsAt = SimulatorTenant.Now.AddMinutes(-30), Duration = TimeSpan.FromHours(2), Zones = Zones }];
            configure?.Invoke(o);
        });
}
