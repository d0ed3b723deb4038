namespace Vbrick.Exporter.Aggregation;

/// <summary>The four running totals Rev reports per attendee session.</summary>
public record struct RunningTotals(double BufferingEvents, double BufferingSeconds, double PlaybackErrors, double MulticastFailovers)
{
    /// <summary>
    /// What each total added since <paramref name="previous"/>. Each total stands alone: one that
    /// went down means Rev restarted it, so its new value counts in full; the others are unaffected.
    /// </summary>
    public readonly RunningTotals IncreaseSince(in RunningTotals previous) => new(
        Increase(BufferingEvents, previous.BufferingEvents),
        Increase(BufferingSeconds, previous.BufferingSeconds),
        Increase(PlaybackErrors, previous.PlaybackErrors),
        Increase(MulticastFailovers, previous.MulticastFailovers));

    public static RunningTotals operator +(RunningTotals a, RunningTotals b) => new(
        a.BufferingEvents + b.BufferingEvents,
        a.BufferingSeconds + b.BufferingSeconds,
        a.PlaybackErrors + b.PlaybackErrors,
        a.MulticastFailovers + b.MulticastFailovers);

    private static double Increase(double current, double previous) => current >= previous ? current - previous : current;
}
