using System.Globalization;
using System.Text.Json;

namespace Vbrick.Exporter.Rev;

/// <summary>
/// The one rule for numbers in Rev's answers, whichever reader meets them (the streaming page
/// reader, the report DTOs, the poll and comment documents):
/// <list type="bullet">
/// <item>a JSON number, or a string holding one in invariant culture (<c>"12"</c>, <c>" 1e3 "</c>,
/// <c>"-4.5"</c>); anything else (text, <c>true</c>, an object, <c>NaN</c>, <c>Infinity</c>, a value
/// beyond double's range) is <b>missing</b>, never zero;</item>
/// <item><see cref="Read(ref Utf8JsonReader)"/> keeps negatives (a field may give them meaning);
/// <see cref="NonNegative"/> refuses them for durations and rates;</item>
/// <item><see cref="Count"/> is a non-negative whole number below 2^63, rounded to the nearest;
/// a larger one is missing, not wrapped around.</item>
/// </list>
/// </summary>
public static class LenientNumber
{
    private const NumberStyles Style = NumberStyles.Float;

    /// <summary>The number at the reader's current token (a number or a string), or null.</summary>
    public static double? Read(ref Utf8JsonReader reader)
    {
        double value;
        switch (reader.TokenType)
        {
            case JsonTokenType.Number when reader.TryGetDouble(out value):
                break;
            case JsonTokenType.String when !reader.ValueIsEscaped && double.TryParse(reader.ValueSpan, Style, CultureInfo.InvariantCulture, out value):
                break;
            case JsonTokenType.String when reader.ValueIsEscaped && double.TryParse(JsonFieldDecoder.TryGetString(ref reader), Style, CultureInfo.InvariantCulture, out value):
                break;
            default:
                return null;
        }

        return double.IsFinite(value) ? value : null;
    }

    /// <summary>The number an element holds (a number or a string), or null.</summary>
    public static double? Read(JsonElement element)
    {
        double value;
        switch (element.ValueKind)
        {
            case JsonValueKind.Number when element.TryGetDouble(out value):
                break;
            case JsonValueKind.String when double.TryParse(JsonElementExtensions.StringOf(element), Style, CultureInfo.InvariantCulture, out value):
                break;
            default:
                return null;
        }

        return double.IsFinite(value) ? value : null;
    }

    /// <summary>The value when it is zero or more, else missing.</summary>
    public static double? NonNegative(double? value) => value is >= 0 ? value : null;

    /// <summary>A count: non-negative, rounded to a whole number, below 2^63; else missing.</summary>
    public static long? Count(double? value) =>
        value is >= 0 && Math.Round(value.Value) is var whole && whole < 9_223_372_036_854_775_808.0 ? (long)whole : null;
}
