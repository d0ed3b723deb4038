using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Vbrick.Exporter.Rev.Dto;

/// <summary>
/// A date that may arrive in any text form .NET reads (ISO-8601 or not, with or without an offset,
/// taken as UTC without one); anything else (a number, an object, unreadable text) reads as missing,
/// so one odd field never fails the whole answer: the caller falls back (a 10-minute session, no
/// end-date rule) instead.
/// </summary>
internal sealed class LenientDateConverter : JsonConverter<DateTimeOffset?>
{
    public override DateTimeOffset? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return DateTimeOffset.TryParse(JsonFieldDecoder.TryGetString(ref reader), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : null;
            case JsonTokenType.StartObject:
            case JsonTokenType.StartArray:
                reader.Skip();
                return null;
            default:
                return null;
        }
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset? value, JsonSerializerOptions options)
    {
        if (value is { } at)
        {
            writer.WriteStringValue(at);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}

/// <summary>A flag that may arrive as a boolean, as text ("true", "False") or as 1 / 0; anything else reads as missing.</summary>
internal sealed class LenientBoolConverter : JsonConverter<bool?>
{
    public override bool? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.True:
                return true;
            case JsonTokenType.False:
                return false;
            case JsonTokenType.String:
                return bool.TryParse(JsonFieldDecoder.TryGetString(ref reader), out var flag) ? flag : null;
            case JsonTokenType.Number:
                return reader.TryGetInt64(out var number) && number is 0 or 1 ? number == 1 : null;
            case JsonTokenType.StartObject:
            case JsonTokenType.StartArray:
                reader.Skip();
                return null;
            default:
                return null;
        }
    }

    public override void Write(Utf8JsonWriter writer, bool? value, JsonSerializerOptions options)
    {
        if (value is { } flag)
        {
            writer.WriteBooleanValue(flag);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}
