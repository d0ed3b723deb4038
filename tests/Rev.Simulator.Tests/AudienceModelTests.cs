using Vbrick.Rev.Simulator.Audience;

namespace Vbrick.Rev.Simulator.Tests;

/// <summary>The simulator is the oracle of the exporter's tests: its own model is checked here, by properties independent of the exporter.</summary>
public sealed class AudienceModelTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 28, 9, 30, 0, TimeSpan.Zero);

    private static SimulatedEvent Event(int viewers, RebufferSpike? spike = null) => new()
    {
        Id = "11111111-1111-4111-8111-111111111111",
        Viewers = viewers,
        Seed = 7,
        StartsAt = Start,
        Duration = TimeSpan.FromHours(2),
        Spike = spike,
    };

    [Fact]
    public void Order_ByFullName_IsAPermutationSortedByName_AndTheSameEveryTime()
    {
        var model = new AudienceModel(Event(2_000));

        var order = model.Order("FullName", descending: false);

        Assert.Equal(Enumerable.Range(0, 2_000), order.Order());
        var names = order.Select(model.FullName).ToList();
        Assert.Equal(names.Order(StringComparer.Ordinal), names);
        Assert.Same(order, model.Order(null, descending: false));
        Assert.Equal(order.Reverse(), model.Order("fullname", descending: true));
    }

    [Fact]
    public void Order_ByZoneName_GroupsEachZoneTogether()
    {
        var model = new AudienceModel(Event(3_000));

        var zones = model.Order("ZoneName", descending: false).Select(model.ZoneOf).ToList();

        var runs = zones.Zip(zones.Skip(1)).Count(p => p.First != p.Second);
        Assert.Equal(zones.Distinct().Count() - 1, runs);
    }

    [Fact]
    public void Spike_HitsTheAffectedShareOfTheZoneOnly_AndOnlyWhileItLasts()
    {
        var spike = new RebufferSpike("London HQ", TimeSpan.FromMinutes(30), TimeSpan.FromMinutes(10), AffectedShare: 0.5);
        var model = new AudienceModel(Event(20_000, spike));
        var before = Start.AddMinutes(29);
        var during = Start.AddMinutes(39);

        int london = 0, hit = 0, elsewhereHit = 0;
        for (var i = 0; i < model.Viewers; i++)
        {
            if (model.Numbers(i, before) is not { Online: true } a || model.Numbers(i, during) is not { Online: true } b)
            {
                continue;
            }

            // Ten spike minutes at three buffering events a minute: far above the baseline's 0.7 at most.
            var rose = b.BufferingCount - a.BufferingCount >= 20;
            if (a.Zone == "London HQ")
            {
                london++;
                hit += rose ? 1 : 0;
            }
            else
            {
                elsewhereHit += rose ? 1 : 0;
            }
        }

        Assert.InRange((double)hit / london, 0.45, 0.55);
        Assert.Equal(0, elsewhereHit);
    }

    [Fact]
    public void Totals_NeverDecrease_ExceptForTheSessionsThatRestart()
    {
        var model = new AudienceModel(Event(5_000));
        var restarted = 0;
        for (var i = 0; i < model.Viewers; i++)
        {
            // Counters restart halfway through a session: about an hour in for most viewers.
            var earlier = model.Numbers(i, Start.AddMinutes(59));
            var later = model.Numbers(i, Start.AddMinutes(66));
            if (earlier is { } a && later is { } b && b.BufferingCount < a.BufferingCount)
            {
                restarted++;
            }
        }

        // About 3% of sessions restart their counters halfway; the rest only grow.
        Assert.InRange(restarted, 1, 5_000 * 0.03);
    }

    [Fact]
    public void Figures_CountEachRoleOverTheMatchingStatus()
    {
        var model = new AudienceModel(Event(1_000));
        var at = Start.AddMinutes(60);

        var all = model.FiguresAt(at, "All");
        var online = model.FiguresAt(at, "Online");
        var records = model.RecordsAt(at).ToList();

        Assert.Equal(records.Count, all.Total);
        Assert.Equal(records.Count(r => r.IsOnline), online.Total);
        Assert.Equal(records.Count(r => r.IsOnline), all.HostCount + all.ModeratorCount + all.AttendeeCount);
    }
}
