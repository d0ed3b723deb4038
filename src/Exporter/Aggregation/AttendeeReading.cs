using Vbrick.Exporter.Rev;

namespace Vbrick.Exporter.Aggregation;

/// <summary>How one attendee record reads, the same for a sweep page and a sample.</summary>
internal static class AttendeeReading
{
    /// <summary>
    /// The record's running totals. A field Rev left out keeps its last known value rather than
    /// reading as a reset to zero; a negative total is not a number Rev can mean and reads as missing.
    /// </summary>
    public static RunningTotals Totals(in AttendeeRecord record, in RunningTotals known) => new(
        NonNegative(record.BufferingCount) ?? known.BufferingEvents,
        NonNegative(record.BufferingDuration) ?? known.BufferingSeconds,
        NonNegative(record.ExperiencedErrors) ?? known.PlaybackErrors,
        NonNegative(record.MulticastFailovers) ?? known.MulticastFailovers);

    public static SessionStatus StatusOf(ReadOnlySpan<char> status)
    {
        var value = status.Trim();
        if (value.Equals("online", StringComparison.OrdinalIgnoreCase))
        {
            return SessionStatus.Online;
        }

        return value.Equals("offline", StringComparison.OrdinalIgnoreCase) ? SessionStatus.Offline : SessionStatus.Unknown;
    }

    /// <summary>Feeds the quality window when Rev gave a buffering count.</summary>
    public static void RecordQuality(EventAudience audience, ReadOnlySpan<char> sessionId, int zone, SessionStatus status, in AttendeeRecord record, DateTimeOffset at)
    {
        if (NonNegative(record.BufferingCount) is { } count)
        {
            audience.Quality.Record(sessionId, zone, status == SessionStatus.Online, count, at);
        }
    }

    private static double? NonNegative(double? value) => value is >= 0 && double.IsFinite(value.Value) ? value : null;
}
