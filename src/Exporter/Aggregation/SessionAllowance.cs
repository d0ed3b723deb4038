namespace Vbrick.Exporter.Aggregation;

/// <summary>
/// The sessions the whole exporter may track at once (<c>Events:MaxTrackedSessions</c>), shared by
/// every event: a per-event cap alone lets a hundred discovered events each hold a full table. A
/// session's state costs about 300 bytes, so the default keeps the tables inside the shipped
/// 512 MiB container with room for the sweep in flight (docs/operations.md, "Sizing").
/// </summary>
public sealed class SessionAllowance(int limit)
{
    private int _taken;

    /// <summary>No exporter-wide limit: for tests and tools that build one audience.</summary>
    public static SessionAllowance Unlimited => new(int.MaxValue);

    public int Limit { get; } = limit;

    public int Taken => Volatile.Read(ref _taken);

    /// <summary>Takes a place for one new session; false once <see cref="Limit"/> are tracked.</summary>
    public bool TryTake()
    {
        while (true)
        {
            var taken = Volatile.Read(ref _taken);
            if (taken >= Limit)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _taken, taken + 1, taken) == taken)
            {
                return true;
            }
        }
    }

    /// <summary>Gives back the places of sessions no longer tracked.</summary>
    public void Return(int sessions) => Interlocked.Add(ref _taken, -sessions);
}
