namespace Vbrick.Exporter.Polling;

/// <summary>What the planner answered: the request for the next slot (or none), when to look again, and the figures bound it planned with.</summary>
internal sealed record RealtimePlan(PlannedRequest? Next, DateTimeOffset WakeAt, TimeSpan FiguresBound);
