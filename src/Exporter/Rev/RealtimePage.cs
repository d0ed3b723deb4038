namespace Vbrick.Exporter.Rev;

/// <summary>The top-level figures of one real-time attendee page; attendees went to the sink.</summary>
public sealed class RealtimePage
{
    public string? ScrollId { get; set; }

    public long? Total { get; set; }

    public long? HostCount { get; set; }

    public long? ModeratorCount { get; set; }

    public long? AttendeeCount { get; set; }

    /// <summary>Rev's aggregation state: <c>Active</c>, or <c>Initiated</c> while Rev starts aggregating.</summary>
    public string? AggregationStatus { get; set; }

    /// <summary>Integer percent, as Rev sends it.</summary>
    public double? RebufferingPercentage { get; set; }

    public double? AverageRebufferDuration { get; set; }

    public double? ErrorsPerAttendee { get; set; }

    public double? MulticastErrorsPerAttendee { get; set; }

    /// <summary>Set when Rev answered 200 with an error body (an expired scroll).</summary>
    public int? ErrorStatusCode { get; set; }

    public int AttendeesRead { get; set; }

    /// <summary>Items of the attendees array that were not objects.</summary>
    public int InvalidItems { get; set; }

    /// <summary>Records whose buffering duration (in seconds) is longer than their session has existed: a unit read wrong.</summary>
    public int DurationsPastSessionAge { get; set; }

    public bool IsInitiated => string.Equals(AggregationStatus, "Initiated", StringComparison.OrdinalIgnoreCase);
}
