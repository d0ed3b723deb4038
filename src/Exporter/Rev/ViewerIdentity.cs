using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Vbrick.Exporter.Rev;

/// <summary>
/// Who a viewer is, for counting distinct viewers without keeping their data: the first of
/// username, email, name (case-insensitive) hashed to 64 bits. Collisions among a million viewers
/// are about one in ten million.
/// </summary>
public static class ViewerIdentity
{
    public static ulong? KeyOf(params string?[] candidates)
    {
        foreach (var candidate in candidates)
        {
            if (!string.IsNullOrWhiteSpace(candidate))
            {
                Span<byte> hash = stackalloc byte[32];
                SHA256.HashData(Encoding.UTF8.GetBytes(candidate.Trim().ToUpperInvariant()), hash);
                return BinaryPrimitives.ReadUInt64LittleEndian(hash);
            }
        }

        return null;
    }
}
