using Vbrick.Exporter.Rev;

namespace Vbrick.Exporter.Aggregation;

/// <summary>
/// The event-wide figures Rev puts on every real-time page, in base units. A figure Rev left out,
/// or sent outside what it can mean (negative, a percentage over 100, a count over
/// <see cref="MaxCount"/>, a duration over a day, an error rate over <see cref="MaxPerAttendee"/>), is
/// null, so its series keeps its last value: 1e308 never reaches <c>/metrics</c>.
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
    /// <summary>More sessions than any webcast holds (Rev's largest are in the hundreds of thousands).</summary>
    public const long MaxCount = 100_000_000;

    /// <summary>A day: no average rebuffer can be longer than the webcasts it is over.</summary>
    public const double MaxDurationSeconds = 86_400;

    /// <summary>Errors per attendee past this are no reading of a webcast.</summary>
    public const double MaxPerAttendee = 1_000_000;

    public static EventWideFigures From(RealtimePage page) => new(
        Count(page.Total),
        Count(page.HostCount),
        Count(page.ModeratorCount),
        Count(page.AttendeeCount),
        Share(page.RebufferingPercentage / 100.0),
        Within(page.AverageRebufferDuration, MaxDurationSeconds),
        Within(page.ErrorsPerAttendee, MaxPerAttendee),
        Within(page.MulticastErrorsPerAttendee, MaxPerAttendee));

    private static long? Count(long? value) => value is >= 0 and <= MaxCount ? value : null;

    /// <summary>A share of attendees: a percentage outside 0-100 is no reading of it.</summary>
    private static double? Share(double? value) => value is >= 0 and <= 1 ? value : null;

    private static double? Within(double? value, double max) => value is >= 0 && value <= max ? value : null;
}
