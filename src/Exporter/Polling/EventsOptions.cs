using Microsoft.Extensions.Options;

namespace Vbrick.Exporter.Polling;

/// <summary>Which webcasts to watch (section <c>Events</c>).</summary>
public sealed class EventsOptions
{
    public const string SectionName = "Events";

    /// <summary>Ids (GUIDs) of the webcasts to watch.</summary>
    public List<string> Ids { get; set; } = [];

    /// <summary>Distinct values kept per label per event before the rest fold into <c>other</c>.</summary>
    public int LabelValueCap { get; set; } = 50;
}

internal sealed class EventsOptionsValidator : IValidateOptions<EventsOptions>
{
    public ValidateOptionsResult Validate(string? name, EventsOptions options)
    {
        var failures = new List<string>();
        for (var i = 0; i < options.Ids.Count; i++)
        {
            if (!Guid.TryParse(options.Ids[i], out _))
            {
                // The value is configuration, not a secret: echoing it helps find the typo.
                failures.Add($"Events:Ids:{i} is not a webcast id (a GUID): '{Shorten(options.Ids[i])}'.");
            }
        }

        if (options.LabelValueCap is < 1 or > 10_000)
        {
            failures.Add("Events:LabelValueCap must be between 1 and 10000.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static string Shorten(string? value) => value is { Length: > 60 } ? value[..60] + "…" : value ?? string.Empty;
}
