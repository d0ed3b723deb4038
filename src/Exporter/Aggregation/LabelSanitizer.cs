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

        if (value.IndexOfAnyInRange('\0', '\u001f') < 0 && !value.Contains('\u007f'))
        {
            return value;
        }

        var written = 0;
        foreach (var c in value)
        {
            scratch[written++] = char.IsControl(c) ? ' ' : c;
        }

        return scratch[..written].Trim();
    }

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
