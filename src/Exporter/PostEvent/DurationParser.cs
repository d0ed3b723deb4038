using System.Globalization;
using System.Xml;

namespace Vbrick.Exporter.PostEvent;

/// <summary>
/// Rev's <c>sessionTime</c> and <c>viewingTime</c> are strings of undocumented format. Accepted:
/// <c>h:mm:ss</c> and <c>hh:mm:ss</c> (hours may exceed 23), <c>mm:ss</c>, <c>d.hh:mm:ss</c>, any of
/// those with fractional seconds, ISO-8601 durations (<c>PT1H2M3S</c>), and plain seconds (<c>3723.5</c>).
/// Anything else, or a negative duration, is not a duration.
/// </summary>
public static class DurationParser
{
    public static bool TryParseSeconds(string? text, out double seconds)
    {
        seconds = 0;
        var value = text?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            return false;
        }

        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out seconds))
        {
            return double.IsFinite(seconds) && seconds >= 0;
        }

        if (value[0] is 'P' or 'p' or '-')
        {
            try
            {
                seconds = XmlConvert.ToTimeSpan(value.ToUpperInvariant()).TotalSeconds;
                return seconds >= 0;
            }
            catch (Exception ex) when (ex is FormatException or OverflowException)
            {
                // "P999999999Y" is well formed and overflows TimeSpan: a bad value, not a crash.
                return false;
            }
        }

        return TryParseClock(value, out seconds);
    }

    private static bool TryParseClock(string value, out double seconds)
    {
        seconds = 0;
        var days = 0.0;
        var dot = value.IndexOf('.', StringComparison.Ordinal);
        var colon = value.IndexOf(':', StringComparison.Ordinal);
        if (dot >= 0 && colon > dot)
        {
            if (!double.TryParse(value[..dot], NumberStyles.None, CultureInfo.InvariantCulture, out days))
            {
                return false;
            }

            value = value[(dot + 1)..];
        }

        var parts = value.Split(':');
        if (parts.Length is < 2 or > 3)
        {
            return false;
        }

        double total = 0;
        for (var i = 0; i < parts.Length; i++)
        {
            var last = i == parts.Length - 1;
            var style = last ? NumberStyles.AllowDecimalPoint : NumberStyles.None;
            if (!double.TryParse(parts[i], style, CultureInfo.InvariantCulture, out var part) || (i > 0 && part >= 60))
            {
                return false;
            }

            total = (total * 60) + part;
        }

        seconds = (days * 86_400) + total;
        return double.IsFinite(seconds);
    }
}
