namespace Vbrick.Exporter.Aggregation;

/// <summary>The label rules shared by every free-text label: trimmed, at most 100 characters, no control characters.</summary>
public static class LabelSanitizer
{
    public const int MaxLength = 100;
    public const string Unknown = "unknown";
    public const string Other = "other";

    /// <summary>Cleans <paramref name="raw"/> into <paramref name="scratch"/>; empty means "unknown".</summary>
    public static ReadOnlySpan<char> Clean(ReadOnlySpan<char> raw, Span<char> scratch)
    {
        var value = raw.Trim();
        if (value.Length > MaxLength)
        {
            // Never split a surrogate pair: half a character would be invalid UTF-8 on /metrics.
            var cut = char.IsHighSurrogate(value[MaxLength - 1]) ? MaxLength - 1 : MaxLength;
            value = value[..cut].TrimEnd();
        }

        if (value.IndexOfAnyInRange('\0', '\u001f') < 0 && value.IndexOfAnyInRange('\u007f', '\u009f') < 0 && value.IndexOfAnyInRange('\ud800', '\udfff') < 0)
        {
            return value;
        }

        // Control characters (C0 and C1) become spaces; a lone surrogate becomes U+FFFD, since
        // half a character cannot be written as UTF-8 on /metrics.
        var written = 0;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                scratch[written++] = c;
                scratch[written++] = value[++i];
            }
            else
            {
                scratch[written++] = char.IsControl(c) ? ' ' : char.IsSurrogate(c) ? '\uFFFD' : c;
            }
        }

        return scratch[..written].Trim();
    }

    /// <summary>The label of a value that is literally <see cref="Unknown"/> or <see cref="Other"/>: quoted, so it is never taken for them.</summary>
    public static string Literal(ReadOnlySpan<char> reserved) => reserved.SequenceEqual(Unknown) ? "'unknown'" : reserved.SequenceEqual(Other) ? "'other'" : reserved.ToString();

    /// <summary>The allocating form, for values read outside the hot path.</summary>
    public static string Clean(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return Unknown;
        }

        Span<char> scratch = stackalloc char[MaxLength];
        var clean = Clean(raw.AsSpan(), scratch);
        return clean.IsEmpty ? Unknown : clean.ToString();
    }
}
