using Vbrick.Exporter.Aggregation.Census;
using Vbrick.Exporter.Metrics;
using Vbrick.Exporter.Polling;
using Vbrick.Exporter.Rev;

namespace Vbrick.Exporter.Tests.Polling;

/// <summary>The planner's rules, one at a time, as a pure function: states in, the chosen request and the wake-up time out. No host, no HTTP.</summary>
public sealed class RealtimePlannerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 28, 10, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Slot = TimeSpan.FromSeconds(30);

    [Fact]
    public void AScrollAboutToExpire_IsContinued_BeforeAnotherEventsFiguresAtTheirBound()
    {
        var sweeping = Live("a", pages: 3, figuresAge: TimeSpan.Zero);
        sweeping.Plan.ScrollContinues("scroll-1", T0 - TimeSpan.FromSeconds(30));
        var stale = Live("b", pages: 1, figuresAge: TimeSpan.FromMinutes(5));

        var plan = Plan([sweeping, stale]);

        Assert.Equal((sweeping, PlannedKind.Continue), (plan.Next!.Event, plan.Next.Kind));
    }

    [Fact]
    public void FiguresAtTheirBound_OutweighEveryCensusFocusAndSample()
    {
        var sampled = Sampled("a", figuresAge: TimeSpan.FromMinutes(1), sampleAge: TimeSpan.FromMinutes(30));
        var census = Value(sampled, "Oslo Office");
        var stale = Live("b", pages: 1, figuresAge: TimeSpan.FromSeconds(271));

        var plan = Plan([new PlanInput(sampled, new CensusCandidate(census, false, T0 - TimeSpan.FromHours(1), 50), Focus: census), new PlanInput(stale)]);

        Assert.Equal(stale, plan.Next!.Event);
    }

    [Theory]
    [InlineData(0.5, "Sample")]
    [InlineData(2.5, "Census")]
    public void AZoneCountPastItsTarget_OutweighsASampleOnlyAsFarAsTheyAreOverdue(double censusOverdue, string expected)
    {
        // The stable page is 4 minutes old (2 intervals at half weight = 1).
        var sampled = Sampled("a", figuresAge: TimeSpan.FromMinutes(1), sampleAge: TimeSpan.FromMinutes(4) + TimeSpan.FromSeconds(1));
        var census = new CensusCandidate(Value(sampled, "Oslo Office"), false, T0 - TimeSpan.FromMinutes(1), censusOverdue);

        var plan = Plan([new PlanInput(sampled, census)]);

        Assert.Equal(expected, plan.Next!.Kind.ToString());
    }

    [Theory]
    [InlineData(5, 1, 200)]     // one town hall of 5 zones: 5 x 30 s / (1 - 30 s / 5 min) = 167 s, x 1.2
    [InlineData(18, 1, 480)]    // 18 zones: the floor (600 s) is past the configured 8 minutes
    [InlineData(15, 3, 480)]    // three events of 5 zones: 643 s floor
    [InlineData(1, 1, 60)]      // never below two slots
    [InlineData(0, 1, 480)]     // nothing to count yet
    public void AZoneCountsTarget_IsJustAboveItsFloor_WhereThatIsSoonerThanTheConfiguredInterval(int zones, int events, int expectedSeconds)
    {
        var target = CensusPlanning.ZoneTarget(zones, events, Slot, TimeSpan.FromMinutes(5), new PollingOptions());

        Assert.Equal(expectedSeconds, target.TotalSeconds, precision: 0);
    }

    [Theory]
    [InlineData(false, "Sample")]
    [InlineData(true, "Census")]
    public void WhereEveryZonesCensusComesRoundWithinTheQualityWindow_TheStablePageOnlyCarriesFigures(bool censusReadsZones, string expected)
    {
        // The stable page is 3 minutes old: past half the window it is worth double (1.5) unless the
        // zones' own census pages keep their quality signal read (0.75); the zone count is at 0.9.
        var sampled = Sampled("a", figuresAge: TimeSpan.FromMinutes(1), sampleAge: TimeSpan.FromMinutes(3));
        var census = new CensusCandidate(Value(sampled, "Oslo Office"), false, T0, 0.9);

        var plan = Plan([new PlanInput(sampled, census, CensusReadsZones: censusReadsZones)]);

        Assert.Equal(expected, plan.Next!.Kind.ToString());
    }

    [Fact]
    public void AProbeThatSettlesTheSearchRule_GoesBeforeAFirstCount()
    {
        var sampled = Sampled("a", figuresAge: TimeSpan.FromMinutes(1), sampleAge: TimeSpan.Zero);
        var value = Value(sampled, "New York Office");

        var plan = Plan([new PlanInput(sampled, new CensusCandidate(value, false, T0, 1.6), new CensusCandidate(value, true, T0, 1))]);

        Assert.Equal((PlannedKind.Probe, true), (plan.Next!.Kind, plan.Next.Descending));
    }

    [Fact]
    public void TheSuspectZone_IsReadEveryHalfQualityWindow_AheadOfCensusAtItsTarget()
    {
        var sampled = Sampled("a", figuresAge: TimeSpan.FromMinutes(1), sampleAge: TimeSpan.Zero);
        var oslo = Value(sampled, "Oslo Office");
        sampled.Plan.Suspect("Oslo Office", T0 - TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(10));
        sampled.Plan.FocusRead(T0 - TimeSpan.FromMinutes(2));
        var census = new CensusCandidate(Value(sampled, "VPN"), false, T0 - TimeSpan.FromMinutes(1), 1.2);

        var early = Plan([new PlanInput(sampled, census, Focus: oslo)]);
        var due = Plan([new PlanInput(sampled, census, Focus: oslo)], at: T0 + TimeSpan.FromSeconds(30));

        Assert.Equal("VPN", early.Next!.Value!.Label);
        Assert.Equal((PlannedKind.Census, true, "Oslo Office"), (due.Next!.Kind, due.Next.Focus, due.Next.Value!.Label));
    }

    [Theory]
    [InlineData(8, true)]     // 3.5 minutes: within the quality window
    [InlineData(18, false)]   // 8.5 minutes: every head count would age by that much
    public void ASampledEventsSweepPastTheQualityWindow_NeverFitsByDefault_ItsHeadCountsComeFromTheCensus(int pages, bool fits)
    {
        var sampled = Sampled("a", figuresAge: TimeSpan.Zero, sampleAge: TimeSpan.Zero, pages: pages);

        Assert.Equal(fits, RealtimePlanner.SweepFits(sampled, [new PlanInput(sampled)], Context(T0), TimeSpan.FromMinutes(5)));
    }

    /// <summary>
    /// A sampled event's sweep that holds every slot (60 s scrolls, 30 s slots) pauses its samples,
    /// and a scroll is a snapshot at its first page: back to back, the demo's 6-page town hall left
    /// its stable page unread for four minutes and its spike's ratio lapsed a minute after it
    /// appeared. Such a sweep runs once per <c>Polling:SampledSweepInterval</c> and never while a
    /// zone is suspect; where scrolls live long enough for samples to go on between its pages, it
    /// is not limited.
    /// </summary>
    [Theory]
    [InlineData(null, false, 60, true)]    // never swept: the breakdown is due
    [InlineData(10, false, 60, false)]     // swept 10 minutes ago: the zone signal comes first
    [InlineData(31, false, 60, true)]      // past Polling:SampledSweepInterval (30 minutes)
    [InlineData(null, true, 60, false)]    // a zone is suspect: its census pages must not pause
    [InlineData(10, false, 300, true)]     // 5-minute scrolls: samples go on between its pages
    public void ASampledEventsSweepThatHoldsEverySlot_RunsOncePerInterval_AndNeverDuringASuspectZone(int? minutesSinceLastSweep, bool suspect, int lifetimeSeconds, bool fits)
    {
        var sampled = Sampled("a", figuresAge: TimeSpan.Zero, sampleAge: TimeSpan.Zero, pages: 6);
        if (minutesSinceLastSweep is { } minutes)
        {
            sampled.Plan.SweepCompleted(T0 - TimeSpan.FromMinutes(minutes));
        }

        if (suspect)
        {
            sampled.Plan.Suspect("Oslo Office", T0 - TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(10));
        }

        var context = Context(T0, lifetime: new ScrollLifetimeEstimate(TimeSpan.FromSeconds(lifetimeSeconds)));

        Assert.Equal(fits, RealtimePlanner.SweepFits(sampled, [new PlanInput(sampled)], context, TimeSpan.FromMinutes(5)));
    }

    [Fact]
    public void TheSuspectZone_JustReadByItsOwnCensusPage_IsNotReadAgainForFocus()
    {
        var sampled = Sampled("a", figuresAge: TimeSpan.FromMinutes(1), sampleAge: TimeSpan.Zero);
        var oslo = Value(sampled, "Oslo Office");
        sampled.Plan.Suspect("Oslo Office", T0 - TimeSpan.FromMinutes(4), TimeSpan.FromMinutes(10));
        sampled.Plan.FocusRead(T0 - TimeSpan.FromMinutes(4));
        oslo.LastTriedAt = T0 - TimeSpan.FromSeconds(30);
        var census = new CensusCandidate(Value(sampled, "VPN"), false, T0 - TimeSpan.FromMinutes(1), 0.5);

        var plan = Plan([new PlanInput(sampled, census, Focus: oslo)]);

        Assert.Equal(("VPN", false), (plan.Next!.Value!.Label, plan.Next.Focus));
    }

    [Fact]
    public void AFailingEvent_IsNotPlannedWhileItBacksOff_AndTheWakeUpIsItsRetry()
    {
        var failing = Live("a", pages: 1, figuresAge: TimeSpan.FromMinutes(10));
        failing.Plan.Failed(T0 - TimeSpan.FromSeconds(10));

        var alone = Plan([failing]);
        var beside = Plan([failing, Live("b", pages: 1, figuresAge: TimeSpan.FromMinutes(1))], at: T0);

        Assert.Null(alone.Next);
        Assert.Equal(T0 + TimeSpan.FromSeconds(20), alone.WakeAt);
        Assert.NotEqual(failing, beside.Next?.Event);
    }

    [Fact]
    public void AFailingEventsRetry_NeverTakesTheSlotAHealthyEventsBoundNeeds()
    {
        var failing = Live("a", pages: 1, figuresAge: TimeSpan.FromMinutes(10));
        failing.Plan.Failed(T0 - TimeSpan.FromMinutes(5));
        var healthy = Live("b", pages: 1, figuresAge: TimeSpan.FromSeconds(280));

        Assert.Equal(healthy, Plan([failing, healthy]).Next!.Event);
        Assert.Equal((failing, PlannedKind.Sample), (Plan([failing, Live("c", pages: 1, figuresAge: TimeSpan.Zero)]).Next!.Event, Plan([failing]).Next!.Kind));
    }

    [Fact]
    public void AFullEventsNextSweep_StartsWhenItsIntervalHasPassed_AndNotBefore()
    {
        var small = Live("a", pages: 2, figuresAge: TimeSpan.Zero);
        small.Plan.SweepStarted(T0 - TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30));

        var before = Plan([small]);
        var after = Plan([small], at: T0 + TimeSpan.FromSeconds(20));

        Assert.Null(before.Next);
        Assert.Equal(T0 + TimeSpan.FromSeconds(20), before.WakeAt);
        Assert.Equal(PlannedKind.StartSweep, after.Next!.Kind);
    }

    [Fact]
    public void WhileTheBudgetHasNoSlot_NothingIsChosen_AndTheWakeUpIsWhenItFrees()
    {
        var small = Live("a", pages: 1, figuresAge: TimeSpan.FromMinutes(10));

        var plan = RealtimePlanner.Plan([new PlanInput(small)], Context(T0, budgetFreeAt: T0 + TimeSpan.FromSeconds(12)));

        Assert.Null(plan.Next);
        Assert.Equal(T0 + TimeSpan.FromSeconds(12), plan.WakeAt);
    }

    [Theory]
    [InlineData(new[] { 5, 3, 1 }, 300)]
    [InlineData(new[] { 2, 2, 2, 2, 2, 2, 2, 2, 2, 2 }, 630)]
    public void TheFiguresBound_IsTheConfiguredAge_UnlessOneRoundOfSweepsTakesLonger(int[] pages, double expectedSeconds)
    {
        var events = pages.Select((p, i) => new PlanInput(Live($"e{i}", p, TimeSpan.Zero))).ToList();

        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), RealtimePlanner.FiguresBound(events, Context(T0)));
    }

    [Theory]
    [InlineData(32, 60, false)]
    [InlineData(18, 60, true)]
    [InlineData(200, 300, false)]
    [InlineData(18, 300, true)]
    public void ASampledEventsSweep_FitsOnlyWithinMaxSampledSweep_InterleavedOrNot(int pages, int lifetimeSeconds, bool fits)
    {
        var sampled = Sampled("a", figuresAge: TimeSpan.Zero, sampleAge: TimeSpan.Zero, pages: pages);
        var context = Context(T0, lifetime: new ScrollLifetimeEstimate(TimeSpan.FromSeconds(lifetimeSeconds))) with
        {
            Options = new PollingOptions { MaxSampledSweep = TimeSpan.FromMinutes(15) },
        };

        Assert.Equal(fits, RealtimePlanner.SweepFits(sampled, [new PlanInput(sampled)], context, TimeSpan.FromMinutes(5)));
    }

    [Theory]
    [InlineData(5, false, RealtimeMode.Full)]
    [InlineData(6, false, RealtimeMode.Sampled)]
    [InlineData(2, true, RealtimeMode.Sampled)]
    [InlineData(1, true, RealtimeMode.Full)]
    public void AnEventIsSampled_WhenASweepOutlastsTheQualityWindow_OrScrollsCannotBeContinued(int pages, bool givenUp, object expected)
    {
        var lifetime = new ScrollLifetimeEstimate(TimeSpan.FromSeconds(60));
        if (givenUp)
        {
            lifetime.OnExpired(Slot, Slot, T0);
            lifetime.OnExpired(Slot, Slot, T0);
        }

        Assert.Equal(expected, RealtimePlanner.ModeFor(pages, Context(T0, lifetime: lifetime)));
    }

    [Fact]
    public void WithNothingDue_ASampledEventsSpareSlotGoesToTheBestReRead_AFullEventsWaits()
    {
        var sampled = Sampled("a", figuresAge: TimeSpan.Zero, sampleAge: TimeSpan.Zero);
        var full = Live("b", pages: 1, figuresAge: TimeSpan.Zero);
        full.Plan.SweepStarted(T0, TimeSpan.FromSeconds(30));
        var census = new CensusCandidate(Value(sampled, "VPN"), false, T0 + TimeSpan.FromMinutes(4), 0.4);

        var spare = Plan([new PlanInput(sampled, census), new PlanInput(full)]);
        var waits = Plan([new PlanInput(full)]);

        Assert.Equal((sampled, PlannedKind.Census), (spare.Next!.Event, spare.Next.Kind));
        Assert.Null(waits.Next);
        Assert.Equal(T0 + TimeSpan.FromSeconds(30), waits.WakeAt);
    }

    private static RealtimePlan Plan(IEnumerable<WatchedEvent> events, DateTimeOffset? at = null) =>
        Plan([.. events.Select(e => new PlanInput(e))], at);

    private static RealtimePlan Plan(IReadOnlyList<PlanInput> inputs, DateTimeOffset? at = null) =>
        RealtimePlanner.Plan(inputs, Context(at ?? T0));

    private static PlanContext Context(DateTimeOffset now, DateTimeOffset? budgetFreeAt = null, ScrollLifetimeEstimate? lifetime = null) =>
        new(now, Slot, budgetFreeAt ?? now, lifetime ?? new ScrollLifetimeEstimate(TimeSpan.FromSeconds(60)), new PollingOptions());

    private static WatchedEvent Live(string id, int pages, TimeSpan figuresAge)
    {
        var e = new WatchedEvent(id, EventOrigin.Configured, 50, T0 - TimeSpan.FromHours(1)) { Phase = EventPhase.Live };
        e.Plan.Sized(pages, RealtimeMode.Full);
        e.Plan.FiguresRead(T0 - figuresAge);
        return e;
    }

    private static WatchedEvent Sampled(string id, TimeSpan figuresAge, TimeSpan sampleAge, int pages = 200)
    {
        var e = Live(id, pages, figuresAge);
        e.Plan.Sized(pages, RealtimeMode.Sampled);
        e.Plan.SampleRead(T0 - sampleAge);
        return e;
    }

    private static CensusValue Value(WatchedEvent e, string zone) => new(SearchField.ZoneName, zone, zone, e.Plan.CreatedAt);
}
