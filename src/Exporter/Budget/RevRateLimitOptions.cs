namespace Vbrick.Exporter.Budget;

/// <summary>
/// Rev's per-account limits (section <c>Rev:RateLimits</c>). Defaults are the figures Vbrick's own
/// clients carry; the official limits page is not public, so every figure is configurable.
/// </summary>
public sealed class RevRateLimitOptions
{
    /// <summary>Real-time attendee requests a minute; every page counts.</summary>
    public double RealtimeAttendeesPerMinute { get; set; } = 2;

    /// <summary>Other GET requests a minute (status checks, searches).</summary>
    public double GetPerMinute { get; set; } = 24_000;

    /// <summary>Other POST requests a minute (authentication, session extension).</summary>
    public double PostPerMinute { get; set; } = 3_600;

    /// <summary>View-report requests a minute (post-event reports, polls, comments).</summary>
    public double ReportsPerMinute { get; set; } = 120;
}
