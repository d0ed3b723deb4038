using Vbrick.Exporter.Aggregation;

namespace Vbrick.Exporter.Tests.Aggregation;

public sealed class QualityTrackerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(5);
    private readonly Dictionary<(QualityTracker, string), SessionState> _sessions = [];

    [Fact]
    public void Ratio_IsTheShareOfSessionsReadTwiceWhoseCountRose()
    {
        var zones = new LabelValueTable(50);
        var oslo = zones.Resolve("Oslo");
        var tracker = new QualityTracker();
        tracker.Record(S(tracker, "a"), oslo, online: true, 1, T0);
        tracker.Record(S(tracker, "b"), oslo, online: true, 4, T0);
        tracker.Record(S(tracker, "c"), oslo, online: true, 0, T0);
        tracker.Record(S(tracker, "once"), oslo, online: true, 0, T0);
        tracker.Record(S(tracker, "a"), oslo, online: true, 3, T0.AddMinutes(1));
        tracker.Record(S(tracker, "b"), oslo, online: true, 4, T0.AddMinutes(1));
        tracker.Record(S(tracker, "c"), oslo, online: true, 0, T0.AddMinutes(2));

        var quality = Assert.Single(tracker.Evaluate(T0.AddMinutes(2), Window, zones));

        Assert.Equal("Oslo", quality.Zone);
        Assert.Equal(3, quality.SampleSessions);
        Assert.Equal(1.0 / 3, quality.RebufferingRatio, 9);
    }

    [Fact]
    public void Ratio_DoesNotDependOnHowOftenASessionIsReRead()
    {
        var zones = new LabelValueTable(50);
        var zone = zones.Resolve("VPN");
        var often = new QualityTracker();
        var rarely = new QualityTracker();
        for (var i = 0; i <= 8; i++)
        {
            often.Record(S(often, "s"), zone, online: true, i >= 4 ? 1 : 0, T0.AddSeconds(30 * i));
        }

        rarely.Record(S(rarely, "s"), zone, online: true, 0, T0);
        rarely.Record(S(rarely, "s"), zone, online: true, 1, T0.AddMinutes(4));

        Assert.Equal(rarely.Evaluate(T0.AddMinutes(4), Window, zones), often.Evaluate(T0.AddMinutes(4), Window, zones));
    }

    [Fact]
    public void ReadingsOlderThanTheWindow_AreForgotten_AndOfflineSessionsDoNotCount()
    {
        var zones = new LabelValueTable(50);
        var zone = zones.Resolve("London");
        var tracker = new QualityTracker();
        tracker.Record(S(tracker, "old"), zone, online: true, 0, T0);
        tracker.Record(S(tracker, "old"), zone, online: true, 5, T0.AddMinutes(1));
        tracker.Record(S(tracker, "gone"), zone, online: true, 0, T0.AddMinutes(5));
        tracker.Record(S(tracker, "gone"), zone, online: false, 2, T0.AddMinutes(6));

        Assert.Empty(tracker.Evaluate(T0.AddMinutes(6.5), Window, zones));
        Assert.Equal(1, tracker.Sessions);
    }

    [Fact]
    public void MostSuspect_PicksTheZoneThatStandsOut_AndNoneWhenAllLookAlike()
    {
        List<ZoneQuality> healthy = [new("London", 0.2, 200), new("Oslo", 0.24, 25), new("VPN", 0.18, 120)];
        List<ZoneQuality> spike = [new("London", 0.2, 200), new("Oslo", 0.6, 25), new("VPN", 0.18, 120)];
        List<ZoneQuality> unnamed = [new("London", 0.2, 200), new("unknown", 0.9, 30), new("other", 0.9, 30)];

        Assert.Null(ZoneQuality.MostSuspect(healthy));
        Assert.Equal("Oslo", ZoneQuality.MostSuspect(spike));
        Assert.Null(ZoneQuality.MostSuspect(unnamed));
        Assert.Null(ZoneQuality.MostSuspect([]));
    }

    [Fact]
    public void ASessionRereadManyTimes_KeepsEveryReadingInTheWindow_AndFreesItsBufferOnceAllAreOld()
    {
        var zones = new LabelValueTable(50);
        var zone = zones.Resolve("Oslo");
        var tracker = new QualityTracker();
        var session = S(tracker, "s");
        for (var i = 0; i < 9; i++)
        {
            tracker.Record(session, zone, online: true, i == 8 ? 1 : 0, T0.AddSeconds(10 * i));
        }

        var quality = Assert.Single(tracker.Evaluate(T0.AddSeconds(80), Window, zones));
        Assert.Equal(1, quality.RebufferingRatio);
        Assert.Equal(9, session.ReadingCount);

        Assert.Empty(tracker.Evaluate(T0.AddMinutes(10), Window, zones));
        Assert.Equal(0, tracker.Sessions);
        Assert.Null(session.Readings);
    }

    private SessionState S(QualityTracker tracker, string name)
    {
        if (!_sessions.TryGetValue((tracker, name), out var session))
        {
            session = new SessionState();
            _sessions[(tracker, name)] = session;
        }

        return session;
    }
}
