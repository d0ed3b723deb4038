using Vbrick.Exporter.Metrics;
using Vbrick.Exporter.Aggregation;
using Vbrick.Exporter.Aggregation.Census;
using Vbrick.Exporter.PostEvent;
using Vbrick.Exporter.Rev;

namespace Vbrick.Exporter.Polling;

/// <summary>
/// One webcast the exporter watches, through scheduled → live → ended → summarised → expired:
/// its state in Rev, its schedule, its sweep in progress and its post-event fetch.
/// </summary>
internal sealed class WatchedEvent(string id, EventOrigin source, int labelValueCap, DateTimeOffset now, int maxSessions = int.MaxValue, int maxCombinations = int.MaxValue, SessionAllowance? allowance = null)
{
    public string Id { get; } = id;

    public EventOrigin Source { get; } = source;

    public EventPhase Phase { get; set; } = EventPhase.Unknown;

    public string? Title { get; set; }

    public DateTimeOffset NextStatusAt { get; set; } = now;

    /// <summary>When the exporter began watching the event: nothing of it can have waited longer.</summary>
    public DateTimeOffset WatchedSince { get; } = now;

    /// <summary>The scheduled end from the latest status; an event past it that is not live has ended.</summary>
    public DateTimeOffset? EndDate { get; set; }

    /// <summary>
    /// Real-time run: 0 for the main event, n while the n-th pre-production run Rev reports is live
    /// (Rev does not say which number a pre-production run has: they are counted as seen).
    /// </summary>
    public int RunNumber { get; set; }

    /// <summary>Pre-production runs seen live so far.</summary>
    public int PreProductionRuns { get; set; }

    /// <summary>The event's audience; its counters' baseline is the moment the exporter began watching.</summary>
    public EventAudience Audience { get; } = new(labelValueCap, maxSessions, maxCombinations, allowance) { BaselineAt = now };

    /// <summary>Real-time plan state and the open scroll, if any.</summary>
    public EventPlan Plan { get; } = new(now);

    /// <summary>Head counts by zone, stream type and browser, and the values the census counts.</summary>
    public EventCensus Census => _census ??= new EventCensus(Audience);

    /// <summary>Status checks that failed in a row: the next waits <see cref="EventPlan.FailureBackoff"/> longer than the cadence.</summary>
    public int StatusFailures { get; set; }

    /// <summary>An end seen but not yet trusted (a non-live status past the end date, or a 404): since when, and in how many checks.</summary>
    public PendingEnd? EndSeen { get; set; }

    public SweepAccumulator? Sweep { get; set; }

    /// <summary>When the exporter first saw the event ended; the settle delay counts from here.</summary>
    public DateTimeOffset? EndedAt { get; set; }

    /// <summary>False for a deleted event: there is nothing to summarise.</summary>
    public bool WantsSummary { get; set; } = true;

    public DateTimeOffset NextPostEventAt { get; set; }

    public int PostEventFailures { get; set; }

    public PostEventFetch? Fetch { get; set; }

    public DateTimeOffset? SummarisedAt { get; set; }

    /// <summary>Sessions in the first summary's report: a refresh says whether the report grew since.</summary>
    public long SummarisedSessions { get; set; }

    /// <summary>Summaries still to read again (<c>PostEvent:RefreshAfter</c>), at <see cref="NextPostEventAt"/>.</summary>
    public int RefreshesLeft { get; set; }

    public DateTimeOffset? ExpiresAt { get; set; }

    public bool Expired { get; set; }

    /// <summary>Steps (status, realtime, post_event) that failed unexpectedly and have not succeeded since: logged once each.</summary>
    public HashSet<string> FailingSteps { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Scheduled events cost nothing; ended ones belong to the post-event path. An event whose
    /// status is not known yet is polled: Rev's answer is the best evidence of whether it is live.
    /// </summary>
    public bool WantsRealtime => !Expired && EndedAt is null && Phase is EventPhase.Unknown or EventPhase.Starting or EventPhase.Live;

    /// <summary>
    /// Status is checked until the event is summarised (an ended event that broadcasts again goes
    /// back to live), and once for its title if it never had one.
    /// </summary>
    public bool NeedsStatus => !Expired && (EndedAt is null || Title is null || PostEventPending);

    public bool PostEventPending => !Expired && EndedAt is not null && WantsSummary && SummarisedAt is null;

    /// <summary>A post-event fetch is to be made: the first summary, or a refresh of it.</summary>
    public bool SummaryDue => PostEventPending || (!Expired && SummarisedAt is not null && RefreshesLeft > 0);

    public string Stage => Expired ? "expired"
        : SummarisedAt is not null ? "summarised"
        : EndedAt is not null ? "ended"
        : Phase.ToString().ToLowerInvariant();

    private EventCensus? _census;

    /// <summary>Goes back to live after an end that Rev's status has since contradicted; the summary waits for the next end.</summary>
    public void Reopen()
    {
        EndedAt = null;
        Fetch = null;
        ExpiresAt = null;
        PostEventFailures = 0;
        EndSeen = null;
    }

    /// <summary>A new run (a pre-production run began or ended): its audience is not the last run's, so the head counts start over.</summary>
    public void ResetRun()
    {
        ResetSweep();
        _census = null;
    }

    public void ResetSweep()
    {
        Sweep = null;
        Plan.ScrollClosed();
    }
}

/// <summary>An end the status showed but that must persist (<c>Polling:EndGrace</c>, at least two checks) before it is taken.</summary>
internal sealed record PendingEnd(bool NotFound, DateTimeOffset Since, int Checks)
{
    public bool Settled(DateTimeOffset now, TimeSpan grace) => Checks >= 2 && now - Since >= grace;
}
