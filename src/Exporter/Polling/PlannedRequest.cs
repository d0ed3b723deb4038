using Vbrick.Exporter.Aggregation.Census;

namespace Vbrick.Exporter.Polling;

/// <summary>
/// The real-time request the planner chose: its kind, the event, the census value it searches
/// (<see cref="PlannedKind.Census"/>, <see cref="PlannedKind.Probe"/>), the direction of that search's
/// sort, and when it fell due (the budget's wait is measured from it).
/// </summary>
internal sealed record PlannedRequest(WatchedEvent Event, PlannedKind Kind, DateTimeOffset DueAt, CensusValue? Value = null, bool Descending = false, bool Focus = false);
