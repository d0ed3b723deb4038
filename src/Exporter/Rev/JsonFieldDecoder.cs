using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace Vbrick.Exporter.Rev;

/// <summary>
/// Tolerant field decoding for Rev payloads: a number may arrive as a string, a field may be
/// null or of the wrong type, and none of that may throw. Unusable values become "missing".
/// </summary>
internal sealed class JsonFieldDecoder
{
    public const int MaxNameLength = 48;

    // Labels are cut to 100 characters after trimming; the slack absorbs surrounding white space.
    private const int SlotChars = 256;
    private const int MaxScalarStringBytes = 16 * 1024;

    private readonly char[] _sessionId = new char[SlotChars];
    private readonly char[] _zone = new char[SlotChars];
    private readonly char[] _streamType = new char[SlotChars];
    private readonly char[] _browser = new char[SlotChars];
    private readonly char[] _status = new char[SlotChars];
    private readonly byte[] _unescaped = new byte[SlotChars * 4];
    private readonly char[] _startTime = new char[SlotChars];

    /// <summary>
    /// Decodes the attendee object the reader stands on in one pass. Returns false when the bytes run
    /// out first; the caller then fetches more and decodes the object again from its start.
    /// </summary>
    public bool TryDecodeAttendee(scoped ref Utf8JsonReader reader, out AttendeeRecord record)
    {
        record = default;
        while (true)
        {
            if (!reader.Read())
            {
                return false;
            }

            if (reader.TokenType != JsonTokenType.PropertyName)
            {
                return true;
            }

            var field = reader.ValueIsEscaped ? AttendeeField.Unknown : Classify(reader.ValueSpan);
            if (!reader.Read())
            {
                return false;
            }

            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
            {
                if (!reader.TrySkip())
                {
                    return false;
                }

                continue;
            }

            switch (field)
            {
                case AttendeeField.SessionId: record.SessionId = ReadChars(ref reader, _sessionId); break;
                case AttendeeField.ZoneName: record.Zone = ReadChars(ref reader, _zone); break;
                case AttendeeField.StreamType: record.StreamType = ReadChars(ref reader, _streamType); break;
                case AttendeeField.Browser: record.Browser = ReadChars(ref reader, _browser); break;
                case AttendeeField.Status: record.Status = ReadChars(ref reader, _status); break;
                case AttendeeField.ExperiencedErrors: record.ExperiencedErrors = ReadNumber(ref reader); break;
                case AttendeeField.MulticastFailovers: record.MulticastFailovers = ReadNumber(ref reader); break;
                case AttendeeField.BufferingCount: record.BufferingCount = ReadNumber(ref reader); break;
                case AttendeeField.BufferingDuration: record.BufferingDuration = ReadNumber(ref reader); break;
                case AttendeeField.AvgBitrateKbps: record.AvgBitrateKbps = ReadNumber(ref reader); break;
                case AttendeeField.AvgBandwidthMbps: record.AvgBandwidthMbps = ReadNumber(ref reader); break;
                case AttendeeField.StartTime: record.StartTimeText = ReadChars(ref reader, _startTime); break;
                case AttendeeField.RevConnect: record.RevConnect = ReadFlag(ref reader); break;
            }
        }
    }

    /// <summary>
    /// Matches a property name on its raw UTF-8 bytes, case-insensitively.
    /// </summary>
    private static AttendeeField Classify(ReadOnlySpan<byte> name)
    {
        // The length and the first letter leave at most one candidate, so only a field the exporter
        // reads is ever compared in full: the others cost two comparisons of integers.
        if (name.IsEmpty)
        {
            return AttendeeField.Unknown;
        }

        return (name.Length, name[0] | 0x20) switch
        {
            (6, 's') when Ascii.EqualsIgnoreCase(name, "Status"u8) => AttendeeField.Status,
            (7, 'b') when Ascii.EqualsIgnoreCase(name, "Browser"u8) => AttendeeField.Browser,
            (8, 'z') when Ascii.EqualsIgnoreCase(name, "ZoneName"u8) => AttendeeField.ZoneName,
            (9, 's') when name[1] is (byte)'e' or (byte)'E' && Ascii.EqualsIgnoreCase(name, "SessionId"u8) => AttendeeField.SessionId,
            (9, 's') when Ascii.EqualsIgnoreCase(name, "StartTime"u8) => AttendeeField.StartTime,
            (10, 's') when Ascii.EqualsIgnoreCase(name, "StreamType"u8) => AttendeeField.StreamType,
            (10, 'r') when Ascii.EqualsIgnoreCase(name, "RevConnect"u8) => AttendeeField.RevConnect,
            (14, 'a') when Ascii.EqualsIgnoreCase(name, "AvgBitrateKbps"u8) => AttendeeField.AvgBitrateKbps,
            (16, 'a') when Ascii.EqualsIgnoreCase(name, "AvgBandwidthMbps"u8) => AttendeeField.AvgBandwidthMbps,
            (17, 'e') when Ascii.EqualsIgnoreCase(name, "ExperiencedErrors"u8) => AttendeeField.ExperiencedErrors,
            (18, 'm') when Ascii.EqualsIgnoreCase(name, "MulticastFailovers"u8) => AttendeeField.MulticastFailovers,
            (25, 'e') when Ascii.EqualsIgnoreCase(name, "ExperiencedBufferingCount"u8) => AttendeeField.BufferingCount,
            (28, 'e') when Ascii.EqualsIgnoreCase(name, "ExperiencedBufferingDuration"u8) => AttendeeField.BufferingDuration,
            _ => AttendeeField.Unknown,
        };
    }

    /// <summary>ASCII-lower-cases a property name into <paramref name="buffer"/>; anything else is an unknown name.</summary>
    public static ReadOnlySpan<char> LowerCaseName(scoped ReadOnlySpan<byte> raw, bool escaped, Span<char> buffer)
    {
        if (escaped || raw.Length > buffer.Length)
        {
            return [];
        }

        for (var i = 0; i < raw.Length; i++)
        {
            var b = raw[i];
            if (b >= 0x80)
            {
                return [];
            }

            buffer[i] = (char)(b is >= (byte)'A' and <= (byte)'Z' ? b + 32 : b);
        }

        return buffer[..raw.Length];
    }

    public static string? ReadString(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.String || reader.ValueSpan.Length > MaxScalarStringBytes)
        {
            return null;
        }

        return TryGetString(ref reader);
    }

    /// <summary>The string value, or null when it cannot be one (an escaped lone surrogate such as <c>"\ud800"</c>).</summary>
    public static string? TryGetString(ref Utf8JsonReader reader)
    {
        try
        {
            return reader.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>A flag: <c>true</c> or <c>false</c>, as JSON or as a string in any case; anything else is missing.</summary>
    public static bool? ReadFlag(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.True => true,
        JsonTokenType.False => false,
        JsonTokenType.String when !reader.ValueIsEscaped && Ascii.EqualsIgnoreCase(reader.ValueSpan.Trim(" "u8), "true"u8) => true,
        JsonTokenType.String when !reader.ValueIsEscaped && Ascii.EqualsIgnoreCase(reader.ValueSpan.Trim(" "u8), "false"u8) => false,
        _ => null,
    };

    /// <summary>A number, by the one rule (<see cref="LenientNumber"/>).</summary>
    public static double? ReadNumber(ref Utf8JsonReader reader) => LenientNumber.Read(ref reader);

    /// <summary>A count, by the one rule (<see cref="LenientNumber.Count"/>).</summary>
    public static long? ReadCount(ref Utf8JsonReader reader) => LenientNumber.Count(LenientNumber.Read(ref reader));

    private ReadOnlySpan<char> ReadChars(scoped ref Utf8JsonReader reader, char[] slot)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            // Numbers and booleans in a text field are still a value; null means missing.
            if (reader.TokenType is JsonTokenType.Number or JsonTokenType.True or JsonTokenType.False)
            {
                return Transcode(reader.ValueSpan, slot);
            }

            return [];
        }

        if (!reader.ValueIsEscaped)
        {
            return Transcode(reader.ValueSpan, slot);
        }

        try
        {
            if (reader.ValueSpan.Length <= _unescaped.Length)
            {
                var length = reader.CopyString(_unescaped);
                return Transcode(_unescaped.AsSpan(0, length), slot);
            }
        }
        catch (InvalidOperationException)
        {
            // An escaped lone surrogate has no UTF-8 form: the value reads as missing.
            return [];
        }

        // A long escaped string is rare enough to allocate for.
        var text = TryGetString(ref reader) ?? string.Empty;
        var take = Math.Min(text.Length, slot.Length);
        text.AsSpan(0, take).CopyTo(slot);
        return slot.AsSpan(0, take);
    }

    private static ReadOnlySpan<char> Transcode(scoped ReadOnlySpan<byte> utf8, char[] slot)
    {
        // Over-long values are cut; a cut inside a UTF-8 sequence becomes U+FFFD, never an exception.
        Utf8.ToUtf16(utf8, slot, out _, out var written, replaceInvalidSequences: true, isFinalBlock: true);
        return slot.AsSpan(0, written);
    }
}
