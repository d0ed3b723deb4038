using Microsoft.Extensions.Options;
using Vbrick.Exporter.Metrics;

namespace Vbrick.Exporter.Polling;

/// <summary>
/// Chooses what each real-time slot is spent on (see ARCHITECTURE.md, "Freshness"). In order:
/// a continuation that cannot wait another slot without its scroll expiring; a first page for a
/// live event whose event-wide figures would pass the bound; a due sample of a sampled event (its
/// stable page, or its suspect zone's); any
/// other continuation; a new sweep, for the event that has waited longest for one, if it fits;
/// a spare sample (every other one focused on the event's worst zone). A sweep fits when the lifetime lets its scroll share the slots with the scrolls
/// already open, and, where no slot would be left over while it runs, when it ends within the
/// quality window and before any other live event's figures pass the bound or another event's
/// sample falls more than half an interval late.
/// </summary>
internal sealed class RealtimeScheduler(IOptions<PollingOptions> options, ScrollLifetimeEstimate lifetime)
{
    public ScrollLifetimeEstimate Lifetime => lifetime;

    /// <summary>Pages above which an event is sampled: a sweep that reads every session twice in the quality window.</summary>
    public int SampleAbovePages(TimeSpan slot) =>
        options.Value.SampleAbovePages ?? Math.Max(1, (int)Math.Floor(options.Value.QualityWindow / (2 * slot)));

    /// <summary>Sampled when a sweep is too long for the quality window, or when scrolls cannot be continued at all.</summary>
    public RealtimeMode ModeFor(int pages, TimeSpan slot) =>
        pages > SampleAbovePages(slot) || (pages > 1 && lifetime.InterleaveAllowance(slot) < 0) ? RealtimeMode.Sampled : RealtimeMode.Full;

    /// <summary>The effective bound on the age of a live event's event-wide figures.</summary>
    public TimeSpan FiguresBound(int liveEvents, TimeSpan slot)
    {
        var floor = slot * (liveEvents + 1);
        return options.Value.MaxFiguresAge > floor ? options.Value.MaxFiguresAge : floor;
    }

    public RealtimeAction? Next(IReadOnlyList<WatchedEvent> events, DateTimeOffset now, TimeSpan slot)
    {
        lifetime.Refresh(now);
        var live = events.Where(e => e.WantsRealtime).ToList();
        if (live.Count == 0)
        {
            return null;
        }

        var bound = FiguresBound(live.Count, slot);
        var open = live.Where(e => e.Realtime.HasOpenScroll).OrderBy(Deadline).ToList();

        if (open.FirstOrDefault(e => Deadline(e) < now + slot) is { } urgent)
        {
            return new(urgent, RealtimeRequestKind.Continue, urgent.Realtime.ScrollLastPageAt + slot);
        }

        var stale = live
            .Where(e => !e.Realtime.HasOpenScroll && (e.Realtime.FiguresAt is not { } at || at + bound < now + slot))
            .OrderBy(e => e.Realtime.FiguresAt ?? DateTimeOffset.MinValue)
            .FirstOrDefault();
        if (stale is not null)
        {
            return FirstPage(stale, live, open, now, slot, bound, stale.Realtime.FiguresAt is { } f ? f + bound - slot : now);
        }

        if (DueSample(live, now) is { } sample)
        {
            return sample;
        }

        if (open.Count > 0)
        {
            return new(open[0], RealtimeRequestKind.Continue, open[0].Realtime.ScrollLastPageAt + slot);
        }

        var sweep = live
            .Where(e => now >= e.Realtime.NextSweepAt && SweepFits(e, live, open, now, slot, bound))
            .OrderBy(e => e.Realtime.LastSweepCompletedAt ?? DateTimeOffset.MinValue)
            .ThenBy(e => e.Realtime.NextSweepAt)
            .FirstOrDefault();
        if (sweep is not null)
        {
            return new(sweep, RealtimeRequestKind.StartSweep, sweep.Realtime.NextSweepAt);
        }

        var spare = live
            .Where(e => e.Realtime.Mode == RealtimeMode.Sampled)
            .OrderBy(e => e.Realtime.LastSampleAt ?? DateTimeOffset.MinValue)
            .FirstOrDefault();
        if (spare is null)
        {
            return null;
        }

        var focus = spare.Realtime.LastSpareWasFocus ? null : spare.Realtime.FocusZone;
        return new(spare, RealtimeRequestKind.Sample, now, focus);
    }

    /// <summary>The most overdue sample of a sampled event: its stable page, or its suspect zone's.</summary>
    private static RealtimeAction? DueSample(List<WatchedEvent> live, DateTimeOffset now)
    {
        RealtimeAction? due = null;
        foreach (var e in live.Where(e => e.Realtime.Mode == RealtimeMode.Sampled))
        {
            var r = e.Realtime;
            if (now >= r.NextSampleAt && (due is null || r.NextSampleAt < due.DueAt))
            {
                due = new(e, RealtimeRequestKind.Sample, r.NextSampleAt);
            }

            if (r.FocusZone is { } zone && now >= r.NextFocusAt && (due is null || r.NextFocusAt < due.DueAt))
            {
                due = new(e, RealtimeRequestKind.Sample, r.NextFocusAt, zone);
            }
        }

        return due;
    }

    /// <summary>
    /// After a sweep's first page: whether its scroll may stay open, now that the page told its size.
    /// A sweep whose size was unknown when it started may turn out not to fit.
    /// </summary>
    public bool KeepsScroll(WatchedEvent e, IReadOnlyList<WatchedEvent> events, DateTimeOffset now, TimeSpan slot)
    {
        var live = events.Where(x => x.WantsRealtime).ToList();
        var open = live.Where(x => x != e && x.Realtime.HasOpenScroll).ToList();
        return SweepFits(e, live, open, now, slot, FiguresBound(live.Count, slot));
    }

    /// <summary>When the real-time family next has something to do, given when its budget frees a slot.</summary>
    public DateTimeOffset WakeAt(IReadOnlyList<WatchedEvent> events, DateTimeOffset now, TimeSpan slot, DateTimeOffset budgetFreeAt)
    {
        var live = events.Where(e => e.WantsRealtime).ToList();
        if (live.Count == 0)
        {
            return DateTimeOffset.MaxValue;
        }

        var bound = FiguresBound(live.Count, slot);
        var due = DateTimeOffset.MaxValue;
        foreach (var e in live)
        {
            var r = e.Realtime;
            var at = r.HasOpenScroll || r.Mode == RealtimeMode.Sampled || r.FiguresAt is null
                ? now
                : Min(Min(r.NextSweepAt, r.FiguresAt.Value + bound - slot), DateTimeOffset.MaxValue);
            due = Min(due, at);
        }

        if (budgetFreeAt > now)
        {
            return Max(due, budgetFreeAt);
        }

        // The slot is free and Next chose nothing: what is due now is waiting for a sweep to fit,
        // so look again one slot later rather than spinning.
        return due > now ? due : now + slot;
    }

    private RealtimeAction FirstPage(WatchedEvent e, List<WatchedEvent> live, List<WatchedEvent> open, DateTimeOffset now, TimeSpan slot, TimeSpan bound, DateTimeOffset dueAt) =>
        now >= e.Realtime.NextSweepAt && SweepFits(e, live, open, now, slot, bound)
            ? new(e, RealtimeRequestKind.StartSweep, dueAt)
            : new(e, RealtimeRequestKind.Sample, dueAt);

    /// <summary>Whether a sweep of <paramref name="e"/> can start now without a scroll expiring or another event going stale.</summary>
    private bool SweepFits(WatchedEvent e, List<WatchedEvent> live, List<WatchedEvent> open, DateTimeOffset now, TimeSpan slot, TimeSpan bound)
    {
        // Size unknown: the first page tells, and the sweep stops there if it does not fit (KeepsScroll).
        var continuations = (e.Realtime.Pages ?? 1) - 1;
        if (continuations <= 0)
        {
            return true;
        }

        var allowance = lifetime.InterleaveAllowance(slot);
        if (allowance < 0)
        {
            return false;
        }

        // One sampled event's sweep at a time: several interleaved long sweeps would take the slots
        // their events' samples need, and the zone signal of all of them would go thin.
        if (e.Realtime.Mode == RealtimeMode.Sampled && open.Any(o => o != e && o.Realtime.Mode == RealtimeMode.Sampled))
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

        // Every slot goes to open scrolls until one ends. Up to the quality window that costs the
        // zone signal nothing; a sampled event may hold the budget longer, up to
        // Polling:MaxSampledSweep and once per Polling:SampledSweepInterval, since its own samples
        // pause meanwhile (a 100,000-viewer event must not go blind for a 100-minute sweep). Nothing
        // else may fall due meanwhile: another live event's figures passing the bound, another
        // sampled event's sample more than half an interval late.
        var busyUntil = now + (slot * continuations * scrolls);
        if (busyUntil - now > options.Value.QualityWindow && !LongSweepAllowed(e, busyUntil - now, now))
        {
            return false;
        }

        var sampleSlack = options.Value.SampleInterval / 2;
        foreach (var other in live.Where(o => o != e && !o.Realtime.HasOpenScroll))
        {
            var r = other.Realtime;
            if (r.FiguresAt is not { } at || at + bound < busyUntil)
            {
                return false;
            }

            if (r.Mode == RealtimeMode.Sampled && r.NextSampleAt + sampleSlack < busyUntil)
            {
                return false;
            }
        }

        return true;
    }

    private bool LongSweepAllowed(WatchedEvent e, TimeSpan busy, DateTimeOffset now) =>
        e.Realtime.Mode == RealtimeMode.Sampled
        && busy <= options.Value.MaxSampledSweep
        && (e.Realtime.LastSweepCompletedAt is not { } last || now - last >= options.Value.SampledSweepInterval);

    private DateTimeOffset Deadline(WatchedEvent e) => e.Realtime.ScrollLastPageAt + lifetime.SafeGap;

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
