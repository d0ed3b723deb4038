using System.IO.Hashing;
using System.Runtime.InteropServices;

namespace Vbrick.Exporter.Aggregation;

/// <summary>
/// A session id kept as its 128-bit XxHash instead of a string: 16 bytes in place of about 100
/// (the string and its header), and no allocation for a new session. Two ids share a key with a
/// probability of about 1e-27 among a million sessions, far below any error Rev's own data carries.
/// </summary>
internal static class SessionKey
{
    public static UInt128 Of(ReadOnlySpan<char> sessionId) => XxHash128.HashToUInt128(MemoryMarshal.AsBytes(sessionId));
}
