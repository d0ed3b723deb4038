using Vbrick.Exporter.Rev;

namespace Vbrick.Exporter.Aggregation;

/// <summary>
/// The event-wide figures Rev puts on every real-time page, in base units. A figure Rev left out
/// (or sent negative, which no count or ratio can be, or a percentage over 100) is null, so its
/// series keeps its last value.
/// </summary>
public sealed record EventWideFigures(
    long? Sessions,
    long? HostCount,
    long? ModeratorCount,
    long? AttendeeCount,
    double? RebufferingRatio,
    double? AverageRebufferSeconds,
    double? ErrorsPerAttendee,
    double? MulticastErrorsPerAttendee)
{
    public static EventWideFigures From(RealtimePage page) => new(
        NonNegative(page.Total),
        NonNegative(page.HostCount),
        NonNegative(page.ModeratorCount),
        NonNegative(page.AttendeeCount),
        Share(page.RebufferingPercentage / 100.0),
        NonNegative(page.AverageRebufferDuration),
        NonNegative(page.ErrorsPerAttendee),
        NonNegative(page.MulticastErrorsPerAttendee));

    private static long? NonNegative(long? value) => value is >= 0 ? value : null;

    /// <summary>A share of attendees: a percentage outside 0-100 is no reading of it.</summary>
    private static double? Share(double? value) => value is >= 0 and <= 1 ? value : null;

    private static double? NonNegative(double? value) => value is >= 0 && double.IsFinite(value.Value) ? value : null;
}
