namespace Vbrick.Rev.Simulator;

/// <summary>
/// A pre-production broadcast that starts <paramref name="Before"/> the main event and lasts
/// <paramref name="Duration"/>. While it runs the status reads Broadcasting with
/// <c>isPreProduction</c> true; after it, Completed with <c>isPreProduction</c> true until the main
/// event's start states begin (10 minutes before its start).
/// </summary>
public sealed record PreProductionRun(TimeSpan Before, TimeSpan Duration);
