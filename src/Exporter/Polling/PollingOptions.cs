using Microsoft.Extensions.Options;

namespace Vbrick.Exporter.Polling;

/// <summary>Polling cadence (section <c>Polling</c>).</summary>
public sealed class PollingOptions
{
    public const string SectionName = "Polling";

    /// <summary>Shortest gap between two real-time attendee requests for one event.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gap between two status checks (<c>GET .../status</c>) of one event.</summary>
    public TimeSpan StatusInterval { get; set; } = TimeSpan.FromMinutes(1);
}

internal sealed class PollingOptionsValidator : IValidateOptions<PollingOptions>
{
    private static readonly TimeSpan Shortest = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Longest = TimeSpan.FromDays(1);

    public ValidateOptionsResult Validate(string? name, PollingOptions options)
    {
        var failures = new List<string>();
        if (options.Interval < Shortest || options.Interval > Longest)
        {
            failures.Add($"Polling:Interval must be between 00:00:01 and 1.00:00:00 (got {options.Interval}).");
        }

        if (options.StatusInterval < Shortest || options.StatusInterval > Longest)
        {
            failures.Add($"Polling:StatusInterval must be between 00:00:01 and 1.00:00:00 (got {options.StatusInterval}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
