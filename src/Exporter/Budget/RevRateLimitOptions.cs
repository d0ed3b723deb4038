using Vbrick.Exporter.Configuration;

namespace Vbrick.Exporter.Budget;

/// <summary>
/// Rev's per-account limits (section <c>Rev:RateLimits</c>). Defaults are the figures Vbrick's own
/// clients carry; the official limits page is not public, so every figure is configurable.
/// </summary>
public sealed class RevRateLimitOptions
{
    /// <summary>Where these keys live, for the range messages.</summary>
    public const string SectionName = "Rev:RateLimits";

    /// <summary>Real-time attendee requests a minute; every page counts.</summary>
    [Between("0.1", "10000")]
    public double RealtimeAttendeesPerMinute { get; set; } = 2;

    /// <summary>Other GET requests a minute (status checks, searches).</summary>
    [Between("1", "1000000")]
    public double GetPerMinute { get; set; } = 24_000;

    /// <summary>Other POST requests a minute (authentication, session extension).</summary>
    [Between("1", "1000000")]
    public double PostPerMinute { get; set; } = 3_600;

    /// <summary>View-report requests a minute (post-event reports, polls, comments).</summary>
    [Between("1", "1000000")]
    public double ReportsPerMinute { get; set; } = 120;
}
