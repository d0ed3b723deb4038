using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Vbrick.Exporter.Rev.Dto;

/// <summary>
/// A value of a form Rev's reference does not pin down: an object or array, or a scalar the reader
/// cannot take, reads as missing, so one odd field never fails the whole answer.
/// </summary>
internal abstract class LenientValueConverter<T> : JsonConverter<T?>
    where T : struct
{
    public override T? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
        {
            reader.Skip();
            return null;
        }

        return ReadScalar(ref reader);
    }

    public override void Write(Utf8JsonWriter writer, T? value, JsonSerializerOptions options)
    {
        if (value is { } v)
        {
            WriteValue(writer, v);
        }
        else
        {
            writer.WriteNullValue();
        }
    }

    protected abstract T? ReadScalar(ref Utf8JsonReader reader);

    protected abstract void WriteValue(Utf8JsonWriter writer, T value);
}

/// <summary>
/// A date in any text form .NET reads (ISO-8601 or not, taken as UTC without an offset); anything
/// else (a number, unreadable text) is missing, and the caller falls back (a 10-minute session, no
/// end-date rule).
/// </summary>
internal sealed class LenientDateConverter : LenientValueConverter<DateTimeOffset>
{
    protected override DateTimeOffset? ReadScalar(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.String
        && DateTimeOffset.TryParse(JsonFieldDecoder.TryGetString(ref reader), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : null;

    protected override void WriteValue(Utf8JsonWriter writer, DateTimeOffset value) => writer.WriteStringValue(value);
}

/// <summary>A flag as a boolean, as text ("true", "False") or as 1 / 0; anything else is missing.</summary>
internal sealed class LenientBoolConverter : LenientValueConverter<bool>
{
    protected override bool? ReadScalar(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.True => true,
        JsonTokenType.False => false,
        JsonTokenType.String => bool.TryParse(JsonFieldDecoder.TryGetString(ref reader), out var flag) ? flag : null,
        JsonTokenType.Number => reader.TryGetInt64(out var number) && number is 0 or 1 ? number == 1 : null,
        _ => null,
    };

    protected override void WriteValue(Utf8JsonWriter writer, bool value) => writer.WriteBooleanValue(value);
}
