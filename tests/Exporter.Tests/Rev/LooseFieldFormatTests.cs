using Vbrick.Exporter.Tests.Support;
using Vbrick.Rev.Simulator;
using Vbrick.Rev.Simulator.Faults;
using static Vbrick.Exporter.Tests.Support.SimulatorScenarios;

namespace Vbrick.Exporter.Tests.Rev;

/// <summary>
/// Fields whose form Rev's reference does not pin down, in forms a strict reader refuses: one odd
/// field never fails the whole answer. A sign-in whose <c>expiration</c> cannot be read is a
/// 10-minute session (as Vbrick's own client assumes), extended as usual; event-list dates and the
/// status's <c>isPreProduction</c> are read leniently. Each failed before (the answer was refused
/// whole: no sign-in, no discovery).
/// </summary>
public sealed class LooseFieldFormatTests
{
    [Theory]
    [InlineData(ExpirationFormat.Missing, true)]
    [InlineData(ExpirationFormat.Text, true)]
    [InlineData(ExpirationFormat.Number, true)]
    [InlineData(ExpirationFormat.Loose, false)]
    public async Task AnExpirationThatCannotBeRead_IsATenMinuteSessionExtendedAsUsual(ExpirationFormat format, bool fallback)
    {
        var options = OneEvent(300);
        options.ExpirationFormat = format;
        await using var harness = await ExporterHarness.StartAsync(options);

        await harness.RunForAsync(TimeSpan.FromMinutes(40));

        var scrape = harness.Scrape();
        Assert.Equal(1, scrape.Value("vbrick_webcast_up"));
        Assert.Equal(1, harness.Simulator.Stats.Requests(FaultTarget.Authenticate));
        Assert.Equal(0, scrape.Value("vbrick_exporter_auth_failures_total", ("kind", "login")) ?? 0);
        Assert.True(harness.Simulator.Stats.Requests(FaultTarget.RealtimeAttendees) >= 70);

        // A 10-minute session is extended about every 8 minutes; Rev's own hour (read from the
        // loose form) needs no extension within 40 minutes.
        var extensions = harness.Simulator.Stats.Requests(FaultTarget.ExtendSession);
        if (fallback)
        {
            Assert.InRange(extensions, 3, 6);
        }
        else
        {
            Assert.Equal(0, extensions);
        }
    }

    [Fact]
    public async Task LooseEventListDatesAndATextPreProductionFlag_StillDiscoverAndPollTheWebcast()
    {
        var options = OneEvent(300);
        options.Dialect = options.Dialect with { FieldFormats = FieldFormats.Loose };
        var settings = new Dictionary<string, string?> { ["Events:Ids:0"] = null, ["Events:Discover"] = "true" };
        await using var harness = await ExporterHarness.StartAsync(options, settings);

        await harness.RunForAsync(TimeSpan.FromMinutes(5));

        var scrape = harness.Scrape();
        Assert.Equal(1, scrape.Value("vbrick_webcast_up", ("event_id", SmallEventId)));
        Assert.Equal(1, scrape.Value("vbrick_webcast_lifecycle_stage", ("event_id", SmallEventId), ("stage", "live")));
        Assert.True(harness.Simulator.Stats.RealtimeRequestTimesOf(SmallEventId).Count >= 5);
    }
}
