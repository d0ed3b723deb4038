namespace Vbrick.Exporter.Rev;

/// <summary>
/// One real-time attendee session as the aggregation needs it. Only these fields are read from
/// Rev's record: names, emails, user ids, addresses and user agents are never decoded at all.
/// The spans point into the reader's scratch buffers and are valid only during the sink call.
/// </summary>
public ref struct AttendeeRecord
{
    public ReadOnlySpan<char> SessionId { get; set; }
    public ReadOnlySpan<char> Zone { get; set; }
    public ReadOnlySpan<char> StreamType { get; set; }
    public ReadOnlySpan<char> Browser { get; set; }
    public ReadOnlySpan<char> Status { get; set; }
    public double? ExperiencedErrors { get; set; }
    public double? MulticastFailovers { get; set; }
    public double? BufferingCount { get; set; }

    /// <summary>Rev's <c>ExperiencedBufferingDuration</c>, in seconds (<see cref="RevClient"/> converts it).</summary>
    public double? BufferingDuration { get; set; }
    public double? AvgBitrateKbps { get; set; }
    public double? AvgBandwidthMbps { get; set; }

    /// <summary>Rev's <c>RevConnect</c>: whether the session is served by Vbrick's peer mesh; null when absent or not a flag.</summary>
    public bool? RevConnect { get; set; }

    /// <summary>
    /// Rev's <c>StartTime</c> as sent. Only a session's first reading needs it, so it is parsed on
    /// demand (<see cref="ParseStartTime"/>) rather than for every record of every page.
    /// </summary>
    public ReadOnlySpan<char> StartTimeText { get; set; }

    /// <summary>When the session began: an ISO-8601 date (read as UTC without an offset); null when missing or not a date.</summary>
    public readonly DateTimeOffset? ParseStartTime() =>
        DateTimeOffset.TryParse(StartTimeText, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var at) ? at : null;
}
