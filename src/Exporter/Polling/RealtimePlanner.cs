using Vbrick.Exporter.Metrics;

namespace Vbrick.Exporter.Polling;

/// <summary>
/// The one real-time policy, a pure function: given the events' states, the clock, the slot length
/// and the scroll lifetime, it answers which request the next slot is spent on and when to look
/// again, from the same candidates. Every candidate is a request with a value: the numbers it
/// refreshes, weighted, times how overdue they are (age over their target). A scroll about to expire
/// comes first whatever else is due; otherwise the highest value wins among the due candidates and
/// the spare re-reads (a sample or census page, which may go early to make a number fresher). See ARCHITECTURE.md,
/// "Freshness", for the weights and the arithmetic.
/// </summary>
internal static class RealtimePlanner
{
    /// <summary>Event-wide figures near their bound outweigh every other number: the bound is documented, the rest are targets.</summary>
    public const double FiguresWeight = 100;

    /// <summary>
    /// A started sweep that could wait: finished before new sweeps and fresh re-counts, but behind
    /// overdue numbers (its scroll becomes urgent before it could expire).
    /// </summary>
    public const double ContinueWeight = 1.5;

    /// <summary>The suspect zone's census page: the zone alert rests on it.</summary>
    public const double FocusWeight = 2.5;

    /// <summary>A sweep that fits: every head count at once and the exact breakdown, the product.</summary>
    public const double SweepWeight = 2;

    /// <summary>A search that settles Rev's match rule unlocks every count that waits on it.</summary>
    public const double ProbeWeight = 2;

    public const double CensusWeight = 1;

    /// <summary>
    /// The stable page: it keeps the zone quality window read; until half the window has passed a
    /// head count due for a re-count is worth more (see <see cref="SampleValue"/>).
    /// </summary>
    public const double SampleWeight = 0.5;

    public static RealtimePlan Plan(IReadOnlyList<PlanInput> inputs, PlanContext context)
    {
        var now = context.Now;
        var live = inputs.Where(i => i.Event.WantsRealtime).ToList();
        var bound = FiguresBound(live, context);
        if (live.Count == 0)
        {
            return new(null, DateTimeOffset.MaxValue, bound);
        }

        var candidates = new List<Candidate>();
        var wake = DateTimeOffset.MaxValue;
        foreach (var input in live)
        {
            var plan = input.Event.Plan;
            if (plan.BackingOff(now))
            {
                wake = Min(wake, plan.RetryAt);
                continue;
            }

            AddCandidates(input, live, context, bound, candidates);
        }

        var urgent = candidates.Where(c => c.Urgent).OrderBy(c => c.TieBreak).FirstOrDefault();
        if (context.BudgetFreeAt > now)
        {
            var due = candidates.Count > 0 ? candidates.Min(c => c.DueAt) : DateTimeOffset.MaxValue;
            return new(null, Max(context.BudgetFreeAt, Min(wake, due)), bound);
        }

        // A spare re-read competes with the due candidates by value: a zone count half its target old
        // is worth more than a stable page that has only just fallen due.
        var chosen = urgent
            ?? candidates.Where(c => c.DueAt <= now || c.Spare).OrderByDescending(c => c.Value).ThenBy(c => c.TieBreak).FirstOrDefault();
        if (chosen is not null)
        {
            return new(chosen.Request, now, bound);
        }

        foreach (var candidate in candidates)
        {
            wake = Min(wake, candidate.DueAt);
        }

        return new(null, wake, bound);
    }

    /// <summary>Sampled when a sweep is too long for the quality window, or when scrolls cannot be continued at all.</summary>
    public static RealtimeMode ModeFor(int pages, PlanContext context) =>
        pages > SampleAbovePages(context) || (pages > 1 && context.Lifetime.InterleaveAllowance(context.Slot) < 0) ? RealtimeMode.Sampled : RealtimeMode.Full;

    /// <summary>Pages above which an event is sampled: a sweep that reads every session twice in the quality window.</summary>
    public static int SampleAbovePages(PlanContext context) =>
        context.Options.SampleAbovePages ?? Math.Max(1, (int)Math.Floor(context.Options.QualityWindow / (2 * context.Slot)));

    /// <summary>
    /// The bound on a live event's event-wide figures: <c>Polling:MaxFiguresAge</c>, unless the events
    /// cannot all be read within it: each full event's sweep takes its pages and each sampled event
    /// one first page, back to back, so the floor is that round plus a slot.
    /// </summary>
    public static TimeSpan FiguresBound(IReadOnlyList<PlanInput> live, PlanContext context)
    {
        var round = live.Sum(i => i.Event.Plan.Mode == RealtimeMode.Full ? i.Event.Plan.Pages ?? 1 : 1);
        var floor = context.Slot * (Math.Max(round, live.Count) + 1);
        return context.Options.MaxFiguresAge > floor ? context.Options.MaxFiguresAge : floor;
    }

    /// <summary>
    /// Whether a sweep of <paramref name="e"/> can start now without a scroll expiring or another
    /// event going stale: its scroll must be able to share the slots with those already open, and,
    /// where no slot would be left over while it runs, it must end within the quality window (a
    /// sampled event's: once per <c>Polling:SampledSweepInterval</c>, never while a zone is suspect,
    /// and past the window only within <c>Polling:MaxSampledSweep</c>) and before another event's
    /// figures pass the bound or its sample falls more than half an interval late.
    /// </summary>
    public static bool SweepFits(WatchedEvent e, IReadOnlyList<PlanInput> live, PlanContext context, TimeSpan bound)
    {
        var plan = e.Plan;
        var continuations = (plan.Pages ?? 1) - 1;
        if (continuations <= 0)
        {
            return true;
        }

        var allowance = context.Lifetime.InterleaveAllowance(context.Slot);
        if (allowance < 0)
        {
            return false;
        }

        // Even interleaved with other requests, a sampled event's sweep takes at least its pages'
        // slots: one past the quality window and longer than Polling:MaxSampledSweep is a breakdown
        // of the past, not of now, and ages every head count by its length.
        var length = context.Slot * continuations;
        if (plan.Mode == RealtimeMode.Sampled && length > context.Options.QualityWindow && length > context.Options.MaxSampledSweep)
        {
            return false;
        }

        var open = live.Where(i => i.Event != e && i.Event.Plan.HasOpenScroll).ToList();

        // One sampled event's sweep at a time: several interleaved long sweeps would take the slots
        // their events' samples and census need.
        if (plan.Mode == RealtimeMode.Sampled && open.Any(o => o.Event.Plan.Mode == RealtimeMode.Sampled))
        {
            return false;
        }

        var scrolls = open.Count + 1;
        if (scrolls > allowance + 1)
        {
            return false;
        }

        if (scrolls < allowance + 1)
        {
            return true;
        }

        var now = context.Now;
        var busy = context.Slot * continuations * scrolls;
        var busyUntil = now + busy;
        if (plan.Mode == RealtimeMode.Sampled ? !SampledSweepAllowed(plan, busy, context) : busy > context.Options.QualityWindow)
        {
            return false;
        }

        var sampleSlack = context.Options.SampleInterval / 2;
        foreach (var other in live.Where(o => o.Event != e && !o.Event.Plan.HasOpenScroll))
        {
            // An event not read yet counts from when it was first watched: a short sweep at start-up
            // fits, where treating unknown figures as overdue would defer every sweep but the last.
            var p = other.Event.Plan;
            if ((p.FiguresAt ?? p.CreatedAt) + bound < busyUntil)
            {
                return false;
            }

            if (p.Mode == RealtimeMode.Sampled && (p.LastSampleAt ?? DateTimeOffset.MinValue) + context.Options.SampleInterval + sampleSlack < busyUntil)
            {
                return false;
            }
        }

        return true;
    }

    private static void AddCandidates(PlanInput input, IReadOnlyList<PlanInput> live, PlanContext context, TimeSpan bound, List<Candidate> candidates)
    {
        var e = input.Event;
        var plan = e.Plan;
        var now = context.Now;
        var slot = context.Slot;
        var options = context.Options;
        if (plan.Failures > 0)
        {
            // A failing event gets one cheap retry per back-off step, weighed like any sample: it
            // never takes a slot another event's bound needs.
            var backoff = EventPlan.FailureBackoff.After(plan.Failures);
            candidates.Add(new(new(e, PlannedKind.Sample, plan.RetryAt), 1 + Ratio(now - plan.RetryAt, backoff), plan.RetryAt, plan.RetryAt));
            return;
        }

        if (plan.HasOpenScroll)
        {
            var deadline = plan.ScrollLastPageAt + context.Lifetime.SafeGap;
            var continuation = new PlannedRequest(e, PlannedKind.Continue, plan.ScrollLastPageAt + slot);
            candidates.Add(new(continuation, ContinueWeight, now, deadline) { Urgent = deadline < now + slot });

            // A full event's sweep pages carry its figures; a sampled event's samples and census
            // pages are first pages of scrolls of their own and go on beside its open sweep.
            if (plan.Mode == RealtimeMode.Full)
            {
                return;
            }
        }

        var fits = !plan.HasOpenScroll && SweepFits(e, live, context, bound);
        var firstPage = fits && now >= plan.NextSweepAt ? PlannedKind.StartSweep : PlannedKind.Sample;
        var figuresDue = plan.FiguresAt is { } figuresAt ? figuresAt + bound - slot : DateTimeOffset.MinValue;
        candidates.Add(new(new(e, firstPage, figuresDue), FiguresWeight * (1 + Ratio(now - figuresDue, bound)), figuresDue, figuresDue));

        if (plan.Mode == RealtimeMode.Full)
        {
            if (fits)
            {
                candidates.Add(new(new(e, PlannedKind.StartSweep, plan.NextSweepAt), SweepWeight, plan.NextSweepAt, plan.LastSweepCompletedAt ?? DateTimeOffset.MinValue));
            }

            return;
        }

        var sampleDue = (plan.LastSampleAt ?? plan.CreatedAt - options.SampleInterval) + options.SampleInterval;
        // Where a sweep fits, its first page is the stable page: the sample starts the sweep.
        candidates.Add(new(new(e, firstPage, sampleDue), SampleValue(now - sampleDue + options.SampleInterval, plan.FocusZone is not null || input.CensusReadsZones, options), sampleDue, sampleDue) { Spare = true });

        if (fits)
        {
            // Where a sampled event's sweep fits (within the quality window, or its long sweep is
            // due), it refreshes every head count at once and adds the exact breakdown.
            candidates.Add(new(new(e, PlannedKind.StartSweep, plan.NextSweepAt), SweepWeight, plan.NextSweepAt, plan.LastSweepCompletedAt ?? DateTimeOffset.MinValue));
        }

        if (input.Focus is { } focus)
        {
            // Half the quality window: each of the zone's sessions is read twice within it.
            var interval = options.QualityWindow / 2;
            // Its ordinary census page reads the same sessions: a zone the census has just read is
            // not read again for focus, so a suspect that moves between zones cannot take every other slot.
            var lastRead = Max(plan.LastFocusAt ?? DateTimeOffset.MinValue, focus.LastTriedAt ?? DateTimeOffset.MinValue);
            var focusDue = lastRead > DateTimeOffset.MinValue ? lastRead + interval : now;
            candidates.Add(new(new(e, PlannedKind.Census, focusDue, focus, focus.Descending, Focus: true), FocusWeight * Ratio(now - focusDue + interval, interval), focusDue, focusDue));
        }

        if (input.Probe is { } probe)
        {
            candidates.Add(new(new(e, PlannedKind.Probe, probe.DueAt, probe.Value, probe.Descending), ProbeWeight, probe.DueAt, probe.DueAt));
        }

        if (input.Census is { } census)
        {
            candidates.Add(new(new(e, PlannedKind.Census, census.DueAt, census.Value, census.Descending), CensusWeight * census.Overdue, census.DueAt, census.DueAt) { Spare = true });
        }
    }

    /// <summary>
    /// The stable page's value. Its sessions must be read twice within the quality window for the
    /// zone signal to exist at all, so past half the window it is worth twice as much; while a zone
    /// is already suspect its own census page carries the signal, and where every zone's census page
    /// comes round within the window they all do: then the stable page only keeps the figures.
    /// </summary>
    private static double SampleValue(TimeSpan age, bool zonesRead, PollingOptions options)
    {
        var overdue = Ratio(age, options.SampleInterval);
        return !zonesRead && age > options.QualityWindow / 2 ? 2 * SampleWeight * overdue : SampleWeight * overdue;
    }

    /// <summary>
    /// A sampled event's sweep that holds every slot pauses its samples and census pages, and a scroll
    /// is a snapshot at its first page: back to back, such sweeps leave the stable page unread too
    /// long for the zone ratios (the demo's 6-page town hall lost its spike's ratio a minute after it
    /// appeared). So one runs at most once per <c>Polling:SampledSweepInterval</c>, never while a zone
    /// is suspect, and past the quality window only within <c>Polling:MaxSampledSweep</c>.
    /// </summary>
    private static bool SampledSweepAllowed(EventPlan plan, TimeSpan busy, PlanContext context) =>
        plan.FocusZone is null
        && (busy <= context.Options.QualityWindow || busy <= context.Options.MaxSampledSweep)
        && (plan.LastSweepCompletedAt is not { } last || context.Now - last >= context.Options.SampledSweepInterval);

    /// <summary>How many targets long <paramref name="age"/> is; a number long overdue keeps growing, a fresh one is below 1.</summary>
    private static double Ratio(TimeSpan age, TimeSpan target) =>
        target <= TimeSpan.Zero ? 1 : Math.Clamp(age / target, 0, 1_000);

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private sealed record Candidate(PlannedRequest Request, double Value, DateTimeOffset DueAt, DateTimeOffset TieBreak)
    {
        /// <summary>A scroll that must be continued in this slot or expire.</summary>
        public bool Urgent { get; init; }

        /// <summary>May take a free slot before it is due: a re-read that only makes a number fresher.</summary>
        public bool Spare { get; init; }
    }
}
