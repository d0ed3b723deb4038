using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Vbrick.Exporter.Configuration;

namespace Vbrick.Exporter.Sharding;

/// <summary>
/// Which events this replica watches. The event id's SHA-256 feeds a jump consistent hash
/// (Lamping and Veach), so every replica computes the same owner with no coordination, the split
/// is even, and going from N to N+1 replicas moves only about 1/(N+1) of the events.
/// </summary>
public sealed class ShardAssignment(IOptions<ShardingOptions> options)
{
    public int Replicas => options.Value.Replicas;

    public int Index => options.Value.EffectiveIndex;

    public double BudgetShare => options.Value.EffectiveBudgetShare;

    public bool Owns(string eventId) => Replicas == 1 || ShardOf(eventId, Replicas) == Index;

    public static int ShardOf(string eventId, int replicas)
    {
        // Rev's ids are GUIDs, written in any case or brace style in configuration: hash the canonical form.
        var canonical = EventIds.Canonical(eventId);
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(canonical), digest);
        return JumpHash(System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(digest), replicas);
    }

    private static int JumpHash(ulong key, int buckets)
    {
        long b = -1;
        long j = 0;
        while (j < buckets)
        {
            b = j;
            key = (key * 2862933555777941757UL) + 1;
            j = (long)((b + 1) * ((double)(1L << 31) / ((key >> 33) + 1)));
        }

        return (int)b;
    }
}
