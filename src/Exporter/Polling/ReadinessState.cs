namespace Vbrick.Exporter.Polling;

/// <summary>
/// Ready once any Rev request for an event succeeded (or when there is nothing to watch), and as
/// long as the polling loop keeps completing iterations: a loop stuck for <see cref="StaleAfter"/>
/// (it idles at most a minute, and every Rev request has a deadline) makes the exporter not ready.
/// </summary>
public sealed class ReadinessState(TimeProvider time)
{
    /// <summary>Longest the loop may go without completing an iteration before /readyz fails.</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(5);

    private int _ready;
    private long _heartbeatTicks = time.GetUtcNow().UtcTicks;

    public bool IsReady => Volatile.Read(ref _ready) == 1 && !IsStale;

    /// <summary>Whether the loop's last completed iteration is older than <see cref="StaleAfter"/>.</summary>
    public bool IsStale => time.GetUtcNow() - LastHeartbeat > StaleAfter;

    public DateTimeOffset LastHeartbeat => new(Volatile.Read(ref _heartbeatTicks), TimeSpan.Zero);

    /// <summary>Why /readyz says no, or null when ready.</summary>
    public string? NotReadyReason => Volatile.Read(ref _ready) == 0
        ? "no successful Rev request yet"
        : IsStale ? $"the polling loop has not completed an iteration since {LastHeartbeat:u}" : null;

    public void MarkReady() => Volatile.Write(ref _ready, 1);

    /// <summary>The loop completed an iteration.</summary>
    public void Heartbeat(DateTimeOffset at) => Volatile.Write(ref _heartbeatTicks, at.UtcTicks);
}
