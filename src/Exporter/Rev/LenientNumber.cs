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
            case JsonTokenType.Number when !reader.HasValueSequence && TryParsePlainDecimal(reader.ValueSpan, out value):
                break;
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

    /// <summary>
    /// The common shape of Rev's numbers (<c>12</c>, <c>-4.5</c>, <c>2345.678</c>: at most 15
    /// significant digits, at most 22 after the point, no exponent) without the general parser: the
    /// digits make an exact integer below 2^53, 10^22 is the largest exact power of ten, and dividing
    /// one by the other rounds once, so the result is the correctly rounded double the general parser
    /// returns (Clinger's fast path). Any other shape returns false and
    /// goes to the general parser.
    /// </summary>
    internal static bool TryParsePlainDecimal(ReadOnlySpan<byte> text, out double value)
    {
        value = 0;
        var i = 0;
        var negative = false;
        if (text.Length > 0 && text[0] == (byte)'-')
        {
            negative = true;
            i = 1;
        }

        long mantissa = 0;
        var digits = 0;
        var significant = 0;
        var fraction = -1;
        for (; i < text.Length; i++)
        {
            var c = text[i];
            var digit = (uint)(c - '0');
            if (digit <= 9)
            {
                // Leading zeros add nothing to the mantissa, so only significant digits are counted.
                if ((mantissa != 0 || digit != 0) && ++significant > 15)
                {
                    return false;
                }

                digits++;
                mantissa = (mantissa * 10) + digit;
                if (fraction >= 0 && ++fraction > 22)
                {
                    return false;
                }
            }
            else if (c == (byte)'.' && fraction < 0)
            {
                fraction = 0;
            }
            else
            {
                return false;
            }
        }

        if (digits == 0 || fraction == 0)
        {
            return false;
        }

        var result = fraction > 0 ? mantissa / PowersOfTen[fraction] : mantissa;
        value = negative ? -result : result;
        return true;
    }

    private static readonly double[] PowersOfTen = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];

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
