namespace Vbrick.Exporter.Rev;

/// <summary>
/// Rev's own event-wide figures on a post-event report's first page (Rev 7.45+): role counts, the
/// share of attendees who rebuffered (as a ratio), the average rebuffer duration (seconds, read
/// with <c>Rev:Units:PostEventRebufferDuration</c>) and errors per attendee. A field Rev leaves out
/// is null, never zero.
/// </summary>
public sealed record ReportSummary(
    double? Hosts,
    double? Moderators,
    double? Attendees,
    double? RebufferingRatio,
    double? AverageRebufferSeconds,
    double? ErrorsPerAttendee,
    double? MulticastErrorsPerAttendee);
