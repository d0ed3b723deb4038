using Vbrick.Exporter.Tests.Support;
using Vbrick.Rev.Simulator;
using Vbrick.Rev.Simulator.Faults;
using static Vbrick.Exporter.Tests.Support.SimulatorScenarios;

namespace Vbrick.Exporter.Tests.Rev;

public sealed class RevAuthenticationTests
{
    [Fact]
    public async Task Session_TenMinuteLifetime_IsExtendedBeforeExpiryAndNeverLapses()
    {
        var options = OneEvent(200);
        options.TokenLifetime = TimeSpan.FromMinutes(10);
        await using var harness = await ExporterHarness.StartAsync(options);

        await harness.RunForAsync(TimeSpan.FromMinutes(60));

        var scrape = harness.Scrape();
        Assert.Equal(1, harness.Simulator.Stats.Requests(FaultTarget.Authenticate));
        Assert.InRange(harness.Simulator.Stats.Requests(FaultTarget.ExtendSession), 7, 9);
        Assert.Equal(1 + harness.Simulator.Stats.Requests(FaultTarget.ExtendSession), scrape.Value("vbrick_exporter_budget_requests_total", ("family", "post")));
        Assert.Equal(0, scrape.Value("vbrick_exporter_auth_failures_total"));
        Assert.Null(scrape.Value("vbrick_exporter_rev_requests_total", ("code", "401")));
        Assert.Equal(1, scrape.Value("vbrick_webcast_up"));
    }

    [Fact]
    public async Task SignInSucceedsButEveryTokenIsRefused_SignInsBackOffForMinutes_NotEvery30Seconds()
    {
        // The API key's user signs in but may not read anything, not even its own session: every
        // fresh token is refused, so the sign-in is what fails. 1, 2, 4, 8 minutes between tries.
        await using var harness = await ExporterHarness.StartAsync(OneEvent(200));
        await harness.RunForAsync(TimeSpan.FromSeconds(30));
        harness.Simulator.Faults.Add(Fault.Http(FaultTarget.RealtimeAttendees, 401, times: 10_000));
        harness.Simulator.Faults.Add(Fault.Http(FaultTarget.EventStatus, 401, times: 10_000));
        harness.Simulator.Faults.Add(Fault.Http(FaultTarget.UserSession, 401, times: 10_000));
        var before = harness.Simulator.Stats.Requests(FaultTarget.Authenticate);

        await harness.RunForAsync(TimeSpan.FromMinutes(15));

        var scrape = harness.Scrape();
        Assert.InRange(harness.Simulator.Stats.Requests(FaultTarget.Authenticate) - before, 2, 5);
        Assert.True(scrape.Value("vbrick_exporter_auth_failures_total", ("kind", "rejected_after_login")) >= 2);
        Assert.Contains(harness.Logs.Lines, l => l.Message.Contains("may not read anything", StringComparison.Ordinal));
        Assert.Equal(0, scrape.Value("vbrick_webcast_up"));
    }

    [Fact]
    public async Task SignInThatCannotReachRev_IsCountedAsUnreachable_NotAsWrongCredentials()
    {
        var options = OneEvent(200);
        await using var harness = await ExporterHarness.StartAsync(options);
        harness.Simulator.Faults.Add(new Fault(FaultTarget.Authenticate, FaultKind.ResetConnection) { Times = 2 });

        await harness.RunForAsync(TimeSpan.FromMinutes(3));

        var scrape = harness.Scrape();
        Assert.True(scrape.Value("vbrick_exporter_auth_failures_total", ("kind", "unreachable")) >= 1);
        Assert.Equal(0, scrape.Value("vbrick_exporter_auth_failures_total", ("kind", "login")));
        Assert.Equal(1, scrape.Value("vbrick_webcast_up"));
    }

    [Fact]
    public async Task Session_ExtensionRefused_SignsInAgain()
    {
        var options = OneEvent(200);
        options.TokenLifetime = TimeSpan.FromMinutes(10);
        await using var harness = await ExporterHarness.StartAsync(options);
        harness.Simulator.Faults.Add(Fault.Http(FaultTarget.ExtendSession, 500));

        await harness.RunForAsync(TimeSpan.FromMinutes(12));

        var scrape = harness.Scrape();
        Assert.Equal(2, harness.Simulator.Stats.Requests(FaultTarget.Authenticate));
        Assert.Equal(1, scrape.Value("vbrick_exporter_auth_failures_total", ("kind", "extend")));
        Assert.Equal(1, scrape.Value("vbrick_webcast_up"));
    }

    [Fact]
    public async Task SignInBodyStalls_FailsWithinTheRequestTimeout_ThenSignsInAgain()
    {
        await using var harness = await ExporterHarness.StartAsync(OneEvent(200), new Dictionary<string, string?> { ["Rev:RequestTimeout"] = "00:00:05" });
        var signIns = harness.Simulator.Stats.Requests(FaultTarget.Authenticate);

        // The next sign-in sends headers and then nothing.
        harness.Simulator.Faults.Add(new Fault(FaultTarget.Authenticate, FaultKind.StallBody) { Delay = TimeSpan.FromHours(1) });

        await harness.RunForAsync(TimeSpan.FromMinutes(3));

        var scrape = harness.Scrape();
        // Rev never answered: not a credentials problem.
        Assert.Equal(1, scrape.Value("vbrick_exporter_auth_failures_total", ("kind", "unreachable")));
        Assert.Equal(0, scrape.Value("vbrick_exporter_auth_failures_total", ("kind", "login")));
        Assert.Equal(signIns + 2, harness.Simulator.Stats.Requests(FaultTarget.Authenticate));
        Assert.Equal(1, scrape.Value("vbrick_webcast_up"));
        Assert.Contains("Rev sign-in failed: Rev sign-in did not finish in time", harness.Logs.AllText(Microsoft.Extensions.Logging.LogLevel.Warning), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WrongSecret_FailsCleanlyAndBacksOffInsteadOfHammeringLogin()
    {
        await using var harness = await ExporterHarness.StartAsync(OneEvent(200), new Dictionary<string, string?> { ["Rev:Secret"] = "wrong-secret" });

        await harness.RunForAsync(TimeSpan.FromMinutes(10));

        var scrape = harness.Scrape();
        var logins = harness.Simulator.Stats.Requests(FaultTarget.Authenticate);
        Assert.InRange(logins, 3, 6);
        Assert.Equal(logins, scrape.Value("vbrick_exporter_auth_failures_total", ("kind", "login")));
        Assert.Equal(0, scrape.Value("vbrick_webcast_up"));
        Assert.Equal(0, harness.Simulator.Stats.Requests(FaultTarget.RealtimeAttendees));
        Assert.DoesNotContain("wrong-secret", harness.Logs.AllText(), StringComparison.Ordinal);
        Assert.Contains("check Rev:ApiKey", harness.Logs.AllText(LogLevel.Warning), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StatusEndpoint_LegacyFieldNames_AreRead()
    {
        var options = OneEvent(200);
        options.Dialect = options.Dialect with { StatusFieldNames = StatusFieldNames.Legacy };
        await using var harness = await ExporterHarness.StartAsync(options);

        await harness.RunForAsync(TimeSpan.FromSeconds(1));

        var info = Assert.Single(harness.Scrape().Series("vbrick_webcast_event_info"));
        Assert.Equal("Town hall 3", info.Labels["title"]);
        Assert.Equal("Broadcasting", info.Labels["status"]);
    }

    [Fact]
    public async Task SignInAnsweredWithA307ToAnotherHost_IsNotFollowed_AndTheErrorNamesTheHost()
    {
        // A listener standing in for the other host: a followed redirect would reach it with the
        // API key and secret in the body.
        using var elsewhere = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        elsewhere.Start();
        var port = ((System.Net.IPEndPoint)elsewhere.LocalEndpoint).Port;
        await using var harness = await ExporterHarness.StartAsync(OneEvent(100));
        harness.Simulator.RevokeAllTokens();
        harness.Simulator.Faults.Add(new Fault(FaultTarget.Authenticate, FaultKind.Status) { StatusCode = 307, Location = new Uri($"http://localhost:{port}/api/v2/authenticate"), Times = 3 });

        await harness.RunForAsync(TimeSpan.FromSeconds(5));

        Assert.False(elsewhere.Pending(), "the exporter followed the redirect to another host");
        var warnings = harness.Logs.AllText(Microsoft.Extensions.Logging.LogLevel.Warning);
        Assert.Contains("redirect to localhost", warnings, StringComparison.Ordinal);
        Assert.DoesNotContain(harness.Simulator.Options.Secret, warnings, StringComparison.Ordinal);
        Assert.True(harness.Scrape().Value("vbrick_exporter_auth_failures_total", ("kind", "login")) >= 1);
    }
}
