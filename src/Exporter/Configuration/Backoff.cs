namespace Vbrick.Exporter.Configuration;

/// <summary>
/// Exponential back-off: <see cref="First"/> after the first failure, doubling with each further
/// one, never above <see cref="Last"/>. The one rule for every retry the exporter schedules itself
/// (post-event fetches, sign-in); Rev's own Retry-After and the resilience pipeline are separate.
/// </summary>
public readonly record struct Backoff(TimeSpan First, TimeSpan Last)
{
    /// <summary>The wait after <paramref name="failures"/> failures in a row (none: no wait).</summary>
    public TimeSpan After(int failures)
    {
        if (failures <= 0)
        {
            return TimeSpan.Zero;
        }

        // Past 2^30 doublings every sensible cap is reached; the shift stays in range.
        var doubled = First.Ticks << Math.Min(failures - 1, 30);
        return doubled <= 0 || doubled > Last.Ticks ? Last : TimeSpan.FromTicks(doubled);
    }
}
