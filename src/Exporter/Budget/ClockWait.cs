namespace Vbrick.Exporter.Budget;

/// <summary>
/// Waits on the clock, rounded up to a whole millisecond. <c>Task.Delay</c> truncates to whole
/// milliseconds, so a wait of 0.4 ms is no wait at all: a loop that waits "until the slot opens"
/// would spin on a slot that opens a fraction of a millisecond later.
/// </summary>
public static class ClockWait
{
    private static readonly TimeSpan OneMillisecond = TimeSpan.FromMilliseconds(1);

    public static TimeSpan RoundUp(TimeSpan wait) =>
        wait <= OneMillisecond ? OneMillisecond : TimeSpan.FromMilliseconds(Math.Ceiling(wait.TotalMilliseconds));

    public static Task DelayAsync(TimeSpan wait, TimeProvider time, CancellationToken cancellationToken) =>
        Task.Delay(RoundUp(wait), time, cancellationToken);
}
