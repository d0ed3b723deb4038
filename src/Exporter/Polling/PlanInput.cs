using Vbrick.Exporter.Aggregation.Census;

namespace Vbrick.Exporter.Polling;

/// <summary>
/// One watched event as the planner sees it: the event (its phase and <see cref="EventPlan"/>) and
/// its census's best candidates (<see cref="CensusPlanning"/>): the most overdue value to count,
/// a search that would settle Rev's match rule, and the census value of its suspect zone.
/// <paramref name="CensusReadsZones"/>: its zones' census pages come round within the quality
/// window, so they keep each zone's quality signal read and the stable page only carries figures.
/// </summary>
internal sealed record PlanInput(WatchedEvent Event, CensusCandidate? Census = null, CensusCandidate? Probe = null, CensusValue? Focus = null, bool CensusReadsZones = false);

/// <summary>A census search the planner may choose: the value, its sort direction, when it fell due and how overdue it is (1 = at its target age).</summary>
internal sealed record CensusCandidate(CensusValue Value, bool Descending, DateTimeOffset DueAt, double Overdue);
