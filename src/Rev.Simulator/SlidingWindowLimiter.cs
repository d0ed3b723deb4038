namespace Vbrick.Rev.Simulator;

/// <summary>Rev's per-account limit as the simulator enforces it: at most N accepted requests in any 60 s.</summary>
internal sealed class SlidingWindowLimiter(double perMinute)
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private readonly Queue<DateTimeOffset> _accepted = new();
    private readonly Lock _gate = new();
    private readonly int _limit = Math.Max(1, (int)Math.Floor(perMinute));

    /// <returns>Null when accepted, else how long until a slot frees up.</returns>
    public TimeSpan? TryAccept(DateTimeOffset now)
    {
        lock (_gate)
        {
            while (_accepted.Count > 0 && now - _accepted.Peek() >= Window)
            {
                _accepted.Dequeue();
            }

            if (_accepted.Count < _limit)
            {
                _accepted.Enqueue(now);
                return null;
            }

            return _accepted.Peek() + Window - now;
        }
    }
}
