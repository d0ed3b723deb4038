using Vbrick.Exporter.Rev;

namespace Vbrick.Exporter.Aggregation;

/// <summary>How one attendee record reads, the same for a sweep page and a sample.</summary>
internal static class AttendeeReading
{
    /// <summary>Largest running total taken as a reading: past it a double no longer counts in ones, and no session does that much.</summary>
    public const double MaxTotal = 9_007_199_254_740_992;

    /// <summary>
    /// The record's running totals. A field Rev left out keeps its last known value rather than
    /// reading as a reset to zero; a total that is not a number Rev can mean (negative, not finite,
    /// past <see cref="MaxTotal"/>) reads as missing too, and is counted in
    /// <paramref name="implausible"/>: the session's last plausible value stays its baseline, so its
    /// next honest reading counts only what it added.
    /// </summary>
    public static RunningTotals Totals(in AttendeeRecord record, in RunningTotals known, ref int implausible) => new(
        Plausible(record.BufferingCount, ref implausible) ?? known.BufferingEvents,
        Plausible(record.BufferingDuration, ref implausible) ?? known.BufferingSeconds,
        Plausible(record.ExperiencedErrors, ref implausible) ?? known.PlaybackErrors,
        Plausible(record.MulticastFailovers, ref implausible) ?? known.MulticastFailovers);

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
    internal static void RecordQuality(EventAudience audience, SessionState session, int zone, SessionStatus status, in AttendeeRecord record, DateTimeOffset at)
    {
        if (NonNegative(record.BufferingCount) is { } count)
        {
            audience.Quality.Record(session, zone, status == SessionStatus.Online, count, at);
        }
    }

    private static double? NonNegative(double? value) => value is >= 0 && double.IsFinite(value.Value) ? value : null;

    private static double? Plausible(double? value, ref int implausible)
    {
        if (value is not { } v)
        {
            return null;
        }

        if (v is >= 0 and <= MaxTotal)
        {
            return v;
        }

        implausible++;
        return null;
    }
}
