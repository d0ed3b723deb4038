using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Vbrick.Exporter.Polling;

/// <summary>Polling cadence (section <c>Polling</c>).</summary>
public sealed class PollingOptions
{
    public const string SectionName = "Polling";

    /// <summary>Shortest gap between two real-time attendee requests for one event.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ErrorMessage = "Polling:Interval must be between 00:00:01 and 1.00:00:00.")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gap between two status checks (<c>GET .../status</c>) of one event.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ErrorMessage = "Polling:StatusInterval must be between 00:00:01 and 1.00:00:00.")]
    public TimeSpan StatusInterval { get; set; } = TimeSpan.FromMinutes(1);
}

[OptionsValidator]
internal sealed partial class PollingOptionsValidator : IValidateOptions<PollingOptions>;
