using Vbrick.Exporter.Aggregation;
using Vbrick.Exporter.Rev;

namespace Vbrick.Exporter.Tests.Aggregation;

public sealed class SweepAccumulatorTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Complete_BaselineSweep_AddsNothingToCountersButCountsAttendees()
    {
        var audience = new EventAudience(50);

        var result = Sweep(audience, Rec("s1", "Online", buffering: 5, seconds: 10, errors: 1, failovers: 2), Rec("s2", "Offline", buffering: 3));

        Assert.True(result.IsFirst);
        var series = Assert.Single(result.Series);
        Assert.Equal(1, series.Online);
        Assert.Equal(1, series.Offline);
        Assert.Equal(default, series.Increase);
    }

    [Fact]
    public void Complete_LaterSweep_AddsEachSessionsIncrease()
    {
        var audience = new EventAudience(50);
        Sweep(audience, Rec("s1", "Online", buffering: 5, seconds: 10, errors: 1, failovers: 2));

        var result = Sweep(audience, Rec("s1", "Online", buffering: 8, seconds: 16, errors: 1, failovers: 5));

        Assert.Equal(new RunningTotals(3, 6, 0, 3), Assert.Single(result.Series).Increase);
    }

    [Fact]
    public void AnAbsurdReading_IsRefusedAndCounted_AndTheNextHonestOneCountsFromTheLastPlausibleValue()
    {
        var audience = new EventAudience(50);
        Sweep(audience, Rec("s1", "Online", buffering: 5, seconds: 10));

        var absurd = Sweep(audience, Rec("s1", "Online", buffering: 1e308, seconds: 12));
        var refused = audience.DrainImplausible();
        var honest = Sweep(audience, Rec("s1", "Online", buffering: 8, seconds: 14));

        Assert.Equal(new RunningTotals(0, 2, 0, 0), Assert.Single(absurd.Series).Increase);
        Assert.Equal(1, refused);
        Assert.Equal(new RunningTotals(3, 2, 0, 0), Assert.Single(honest.Series).Increase);
        Assert.Equal(0, audience.DrainImplausible());
    }

    [Fact]
    public void Complete_SessionStartedAfterTheBaselineTime_CountsInFullEvenInTheFirstSweep()
    {
        var audience = new EventAudience(50) { BaselineAt = T0.AddMinutes(-10) };

        var result = Sweep(audience, Rec("s1", "Online", buffering: 5, started: T0.AddMinutes(-20)), Rec("s2", "Online", buffering: 4, seconds: 2, started: T0.AddMinutes(-5)));

        Assert.Equal(new RunningTotals(4, 2, 0, 0), Assert.Single(result.Series).Increase);
    }

    [Fact]
    public void Complete_SessionFirstReadLateButStartedBeforeTheBaseline_OnlySetsItsBaseline()
    {
        var audience = new EventAudience(50) { BaselineAt = T0.AddMinutes(-10) };
        Sweep(audience, Rec("s1", "Online", buffering: 5, started: T0.AddMinutes(-20)));

        var result = Sweep(audience, Rec("s1", "Online", buffering: 5), Rec("s2", "Online", buffering: 4, seconds: 2, started: T0.AddMinutes(-11)));

        Assert.Equal(default, Assert.Single(result.Series).Increase);
    }

    [Fact]
    public void Complete_SessionStartedWithinTheClockSkewAllowance_IsABaselineNotAFullCount()
    {
        var audience = new EventAudience(50) { BaselineAt = T0.AddMinutes(-10) };

        var result = Sweep(audience, Rec("s1", "Online", buffering: 5, started: T0.AddMinutes(-10) + EventAudience.ClockSkewAllowance));

        Assert.Equal(default, Assert.Single(result.Series).Increase);
    }

    [Fact]
    public void Sample_WithoutAnyCompletedSweep_CountsDeltasFromItsSecondReading()
    {
        var audience = new EventAudience(50) { BaselineAt = T0.AddMinutes(-10) };
        var first = audience.StartSample(T0);
        Add(first, Rec("s1", "Online", buffering: 5, started: T0.AddMinutes(-20)));
        var second = audience.StartSample(T0.AddMinutes(1));
        Add(second, Rec("s1", "Online", buffering: 9, started: T0.AddMinutes(-20)));

        Assert.Equal(0, audience.CompletedSweeps);
        Assert.Equal(4, Assert.Single(second.Increases()).Increase.BufferingEvents);
    }

    [Fact]
    public void Complete_OneTotalWentDown_CountsThatTotalInFullAndLeavesOthersAlone()
    {
        var audience = new EventAudience(50);
        Sweep(audience, Rec("s1", "Online", buffering: 10, seconds: 20, errors: 3, failovers: 1));

        var result = Sweep(audience, Rec("s1", "Online", buffering: 2, seconds: 25, errors: 3, failovers: 1));

        Assert.Equal(new RunningTotals(2, 5, 0, 0), Assert.Single(result.Series).Increase);
    }

    [Fact]
    public void Complete_SessionThatLeftAndReturned_ContinuesFromItsLastKnownValues()
    {
        var audience = new EventAudience(50);
        Sweep(audience, Rec("s1", "Online", buffering: 10), Rec("s2", "Online"));
        Sweep(audience, Rec("s2", "Online"));

        var result = Sweep(audience, Rec("s1", "Online", buffering: 12), Rec("s2", "Online"));

        Assert.Equal(2, result.Series.Sum(s => s.Increase.BufferingEvents));
    }

    [Fact]
    public void Complete_MissingField_KeepsTheLastKnownValueInsteadOfResetting()
    {
        var audience = new EventAudience(50);
        Sweep(audience, Rec("s1", "Online", buffering: 10, errors: 4));
        Sweep(audience, Rec("s1", "Online", buffering: null, errors: 4));

        var result = Sweep(audience, Rec("s1", "Online", buffering: 11, errors: 4));

        Assert.Equal(1, Assert.Single(result.Series).Increase.BufferingEvents);
    }

    [Fact]
    public void Abandon_UnfinishedSweep_LeavesSessionTotalsUntouched()
    {
        var audience = new EventAudience(50);
        Sweep(audience, Rec("s1", "Online", buffering: 10));
        var abandoned = audience.StartSweep(T0);
        Add(abandoned, Rec("s1", "Online", buffering: 50));

        var result = Sweep(audience, Rec("s1", "Online", buffering: 12));

        Assert.Equal(2, Assert.Single(result.Series).Increase.BufferingEvents);
        Assert.Equal(2, audience.CompletedSweeps);
    }

    [Fact]
    public void Add_SameSessionTwiceInOneSweep_CountsOnceAndReportsTheDuplicate()
    {
        var audience = new EventAudience(50);
        var sweep = audience.StartSweep(T0);
        sweep.BeginPage();

        Add(sweep, Rec("s1", "Online"));
        Add(sweep, Rec("s1", "Online"));
        var result = sweep.Complete(T0, 1);

        Assert.Equal(1, sweep.DuplicatesInPage);
        Assert.Equal(1, Assert.Single(result.Series).Online);
        Assert.Equal(1, result.InvalidByReason[InvalidRecordReason.DuplicateSession]);
    }

    [Fact]
    public void Add_RecordWithoutSessionId_IsCountedAsAttendeeButNotInCounters()
    {
        var audience = new EventAudience(50);
        Sweep(audience, Rec("s1", "Online"));

        var result = Sweep(audience, Rec("", "Online", buffering: 100));

        var series = Assert.Single(result.Series);
        Assert.Equal(1, series.Online);
        Assert.Equal(0, series.Increase.BufferingEvents);
        Assert.Equal(1, result.InvalidByReason[InvalidRecordReason.MissingSessionId]);
    }

    [Fact]
    public void Add_OnlineAttendees_AreObservedInBytesPerSecondAndOfflineOnesAreNot()
    {
        var audience = new EventAudience(50);

        var result = Sweep(audience, Rec("s1", "Online", kbps: 2_000, mbps: 8), Rec("s2", "Offline", kbps: 999, mbps: 999));

        var series = Assert.Single(result.Series);
        Assert.Equal([250_000d], series.Bitrates);
        Assert.Equal([1_000_000d], series.Bandwidths);
    }

    [Fact]
    public void Add_NegativeTotal_IsTreatedAsMissingSoCountersNeverDrop()
    {
        var audience = new EventAudience(50);
        Sweep(audience, Rec("s1", "Online", buffering: 5));

        var result = Sweep(audience, Rec("s1", "Online", buffering: -3));

        Assert.Equal(0, Assert.Single(result.Series).Increase.BufferingEvents);
    }

    [Fact]
    public void Add_StatusOtherThanOnlineOrOffline_IsUnknown()
    {
        var audience = new EventAudience(50);

        var result = Sweep(audience, Rec("s1", " ONLINE "), Rec("s2", "Away"), Rec("s3", null));

        var series = Assert.Single(result.Series);
        Assert.Equal(1, series.Online);
        Assert.Equal(2, series.UnknownStatus);
    }

    [Fact]
    public void Coverage_DistinctSessionsOverRevsTotal()
    {
        var audience = new EventAudience(50);
        var sweep = audience.StartSweep(T0);
        Add(sweep, Rec("s1", "Online"));

        var result = sweep.Complete(T0.AddSeconds(30), totalReported: 4);

        Assert.Equal(0.25, result.Coverage);
        Assert.Equal(1, result.SessionsSeen);
    }

    [Fact]
    public void SharedAllowance_BoundsEveryEventTogether_AndAForgottenEventGivesItsPlacesBack()
    {
        var allowance = new SessionAllowance(3);
        var first = new EventAudience(50, maxSessions: 10, allowance: allowance);
        var second = new EventAudience(50, maxSessions: 10, allowance: allowance);

        Sweep(first, Rec("a1", "Online"), Rec("a2", "Online"));
        var crowded = Sweep(second, Rec("b1", "Online"), Rec("b2", "Online"));

        Assert.Equal(1, second.TrackedSessions);
        Assert.Equal(1, crowded.InvalidByReason[InvalidRecordReason.SessionsOverCap]);
        Assert.Equal(2, Assert.Single(crowded.Series).Online);

        first.ReleaseSessions();
        Sweep(second, Rec("b1", "Online"), Rec("b2", "Online"), Rec("b3", "Online"));

        Assert.Equal(0, first.TrackedSessions);
        Assert.Equal(3, second.TrackedSessions);
        Assert.Equal(3, allowance.Taken);
    }

    internal sealed record TestRecord(string SessionId, string? Status, double? Buffering, double? Seconds, double? Errors, double? Failovers, double? Kbps, double? Mbps, DateTimeOffset? Started);

    private static TestRecord Rec(string session, string? status, double? buffering = 0, double? seconds = 0, double? errors = 0, double? failovers = 0, double? kbps = null, double? mbps = null, DateTimeOffset? started = null) =>
        new(session, status, buffering, seconds, errors, failovers, kbps, mbps, started);

    private static SweepResult Sweep(EventAudience audience, params TestRecord[] records)
    {
        var sweep = audience.StartSweep(T0);
        sweep.BeginPage();
        foreach (var record in records)
        {
            Add(sweep, record);
        }

        return sweep.Complete(T0.AddMinutes(1), records.Length);
    }

    private static void Add(IAttendeeSink sweep, TestRecord r)
    {
        var record = new AttendeeRecord
        {
            SessionId = r.SessionId,
            Zone = "Zone A",
            StreamType = "HLS",
            Browser = "Edge",
            Status = r.Status,
            BufferingCount = r.Buffering,
            BufferingDuration = r.Seconds,
            ExperiencedErrors = r.Errors,
            MulticastFailovers = r.Failovers,
            AvgBitrateKbps = r.Kbps,
            AvgBandwidthMbps = r.Mbps,
            StartTimeText = r.Started?.ToString("o", System.Globalization.CultureInfo.InvariantCulture),
        };
        sweep.Add(in record);
    }
}
