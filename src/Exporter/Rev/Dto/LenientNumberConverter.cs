using System.Text.Json;
using System.Text.Json.Serialization;

namespace Vbrick.Exporter.Rev.Dto;

/// <summary>A non-negative number by the one rule (<see cref="LenientNumber"/>); objects and arrays are skipped and read as missing.</summary>
internal sealed class LenientNumberConverter : JsonConverter<double?>
{
    public override double? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
        {
            reader.Skip();
            return null;
        }

        return LenientNumber.NonNegative(LenientNumber.Read(ref reader));
    }

    public override void Write(Utf8JsonWriter writer, double? value, JsonSerializerOptions options)
    {
        if (value is { } v)
        {
            writer.WriteNumberValue(v);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}
