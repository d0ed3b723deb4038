using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace Vbrick.Exporter.Configuration;

/// <summary>
/// A range rule for a number or a duration, read by the source-generated options validators. The
/// message names the key as an operator writes it (<c>Section:Member</c>, from the options class's
/// <c>SectionName</c>), the bounds and the value given: "Polling:Interval must be between 00:00:01
/// and 1.00:00:00 (got 00:00:00.5000000)." Never for a secret: it echoes the value.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class BetweenAttribute(string minimum, string maximum) : ValidationAttribute
{
    public string Minimum { get; } = minimum;

    public string Maximum { get; } = maximum;

    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        var inside = value switch
        {
            null => true,
            TimeSpan span => span >= TimeSpan.Parse(Minimum, CultureInfo.InvariantCulture) && span <= TimeSpan.Parse(Maximum, CultureInfo.InvariantCulture),
            int number => number >= int.Parse(Minimum, CultureInfo.InvariantCulture) && number <= int.Parse(Maximum, CultureInfo.InvariantCulture),
            long number => number >= long.Parse(Minimum, CultureInfo.InvariantCulture) && number <= long.Parse(Maximum, CultureInfo.InvariantCulture),
            double number => number >= double.Parse(Minimum, CultureInfo.InvariantCulture) && number <= double.Parse(Maximum, CultureInfo.InvariantCulture),
            _ => throw new InvalidOperationException($"{nameof(BetweenAttribute)} does not apply to {value.GetType().Name}."),
        };
        if (inside)
        {
            return ValidationResult.Success;
        }

        var shown = value is TimeSpan t ? t.ToString("c", CultureInfo.InvariantCulture) : Convert.ToString(value, CultureInfo.InvariantCulture);
        return new ValidationResult(
            $"{KeyOf(validationContext)} must be between {Minimum} and {Maximum} (got {shown}).",
            validationContext.MemberName is { } member ? [member] : null);
    }

    /// <summary><c>Section:Member</c>, the section from the options class's <c>SectionName</c> constant.</summary>
    private static string KeyOf(ValidationContext context)
    {
        var section = context.ObjectType.GetField("SectionName")?.GetRawConstantValue() as string;
        var member = context.MemberName ?? context.DisplayName;
        return section is null ? member : section + ":" + member;
    }
}
