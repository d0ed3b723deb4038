using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Vbrick.Exporter.Rev.Dto;

/// <summary>A number that may arrive as a string; anything unusable (or negative) reads as missing, never as zero.</summary>
internal sealed class LenientNumberConverter : JsonConverter<double?>
{
    public override double? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        double value;
        switch (reader.TokenType)
        {
            case JsonTokenType.Number when reader.TryGetDouble(out value):
                break;
            case JsonTokenType.String when double.TryParse(JsonFieldDecoder.TryGetString(ref reader), NumberStyles.Float, CultureInfo.InvariantCulture, out value):
                break;
            case JsonTokenType.StartObject:
            case JsonTokenType.StartArray:
                reader.Skip();
                return null;
            default:
                return null;
        }

        return double.IsFinite(value) && value >= 0 ? value : null;
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
