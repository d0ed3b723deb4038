using System.Globalization;

namespace Vbrick.Exporter.Configuration;

/// <summary>
/// The failures an options validator collects, with the range rule every validator shares, so each
/// message reads the same: "Key must be between min and max (got value)." Never a secret's value:
/// ranges are for numbers and durations only.
/// </summary>
internal sealed class OptionFailures : List<string>
{
    public void Range(string key, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            Add(string.Create(CultureInfo.InvariantCulture, $"{key} must be between {min} and {max} (got {value})."));
        }
    }

    public void Range(string key, TimeSpan value, TimeSpan min, TimeSpan max)
    {
        if (value < min || value > max)
        {
            Add(string.Create(CultureInfo.InvariantCulture, $"{key} must be between {min:c} and {max:c} (got {value:c})."));
        }
    }
}
