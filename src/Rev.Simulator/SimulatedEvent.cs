namespace Vbrick.Rev.Simulator;

/// <summary>One webcast of the simulated tenant, with a deterministic seeded audience.</summary>
public sealed class SimulatedEvent
{
    public string Id { get; set; } = Guid.NewGuid().ToString("D");

    public string Title { get; set; } = "Simulated town hall";

    /// <summary>Everyone who joins at some point during the event.</summary>
    public int Viewers { get; set; } = 1_000;

    public DateTimeOffset StartsAt { get; set; }

    public TimeSpan Duration { get; set; } = TimeSpan.FromHours(2);

    public int Seed { get; set; } = 1;

    /// <summary>A scheduled rebuffering spike in one zone, or none.</summary>
    public RebufferSpike? Spike { get; set; }

    /// <summary>
    /// A multicast-capable office whose viewers fall back to unicast (HLS): the zone's name, and the
    /// share of its viewers that do (the others' share of unicast is 30%). The classic eCDN failure.
    /// </summary>
    public (string Zone, double UnicastShare)? MulticastFallback { get; set; }

    /// <summary>Forces Rev's raw status (e.g. "Deleted"), overriding the schedule.</summary>
    public string? StatusOverride { get; set; }

    /// <summary>A cardinality attack: every viewer reports a zone name of their own.</summary>
    public bool DistinctZonePerViewer { get; set; }

    /// <summary>Zones, their shares of the audience (summing to 1) and whether each is an office; null for the default set.</summary>
    public IReadOnlyList<(string? Zone, double Weight, bool Office)>? Zones { get; set; }

    /// <summary>
    /// The scheduled length Rev reports as <c>endDate</c> (start + this); null for <see cref="Duration"/>.
    /// Longer than <see cref="Duration"/>: the broadcast ended early.
    /// </summary>
    public TimeSpan? ScheduledDuration { get; set; }

    /// <summary>
    /// Rev's status once the broadcast is over. Completed by default; Rev's reference does not
    /// promise it, so another value (e.g. InProgress) models an event that never says so.
    /// </summary>
    public string StatusAfterEnd { get; set; } = "Completed";

    /// <summary>
    /// Statuses the broadcast shows for a while (offsets from <see cref="StartsAt"/>): an encoder
    /// hiccup (WaitingForStream, VideoSourceStarting) or a pause (InProgress) of a live webcast.
    /// </summary>
    public IReadOnlyList<StatusPause> StatusPauses { get; set; } = [];

    /// <summary>
    /// How long after the end Rev is still assembling the main run's report: until then the report
    /// holds only the share of its sessions that time has covered (zero: whole at once).
    /// </summary>
    public TimeSpan ReportAssembly { get; set; }

    /// <summary>A pre-production run before the main event, or none.</summary>
    public PreProductionRun? PreProduction { get; set; }

    /// <summary>
    /// Whether <c>hostCount</c> / <c>moderatorCount</c> / <c>attendeeCount</c> count every session
    /// (online and offline) rather than online ones: Rev's reference does not say which.
    /// </summary>
    public bool RoleCountsOverAllSessions { get; set; }

    /// <summary>A fourth poll with this many answers (a hostile or broken tenant), or none.</summary>
    public int? HugePollAnswers { get; set; }

    /// <summary>Comments in the event's log; null for one per 20 viewers.</summary>
    public int? CommentCount { get; set; }

    /// <summary>Share of viewers whose Rev session counters restart halfway (same session id, totals drop).</summary>
    public double CounterRestartShare { get; set; } = 0.03;

    /// <summary>Share of viewers who leave before the end (0..1).</summary>
    public double EarlyLeaverShare { get; set; } = 0.25;
}

/// <summary>Rev reads <paramref name="Status"/> from <paramref name="From"/> to <paramref name="Until"/> after the start, then what the schedule says again.</summary>
public sealed record StatusPause(TimeSpan From, TimeSpan Until, string Status);
