namespace Vbrick.Exporter.Polling;

/// <summary>The limits a plan is made under: the clock, the real-time slot, when the budget frees a slot, the scroll lifetime, the options.</summary>
internal sealed record PlanContext(DateTimeOffset Now, TimeSpan Slot, DateTimeOffset BudgetFreeAt, ScrollLifetimeEstimate Lifetime, PollingOptions Options);
