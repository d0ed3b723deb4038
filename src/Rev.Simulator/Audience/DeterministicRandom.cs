namespace Vbrick.Rev.Simulator.Audience;

/// <summary>SplitMix64 over (seed, index, salt): the same inputs give the same number on every machine.</summary>
public static class DeterministicRandom
{
    public static double Unit(int seed, int index, int salt)
    {
        var x = unchecked(((ulong)(uint)seed * 0x9E3779B97F4A7C15UL) ^ ((ulong)(uint)index * 0xBF58476D1CE4E5B9UL) ^ ((ulong)(uint)salt * 0x94D049BB133111EBUL));
        x = unchecked(x + 0x9E3779B97F4A7C15UL);
        x = unchecked((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL);
        x = unchecked((x ^ (x >> 27)) * 0x94D049BB133111EBUL);
        x ^= x >> 31;
        return (x >> 11) * (1.0 / (1UL << 53));
    }
}
