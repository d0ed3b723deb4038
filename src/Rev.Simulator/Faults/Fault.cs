namespace Vbrick.Rev.Simulator.Faults;

/// <summary>One injected misbehaviour, applied to the next <see cref="Times"/> matching requests.</summary>
public sealed record Fault(FaultTarget Target, FaultKind Kind)
{
    public int Times { get; init; } = 1;

    /// <summary>A <c>Location</c> header for a 3xx <see cref="FaultKind.Status"/> (a redirect elsewhere).</summary>
    public Uri? Location { get; init; }

    /// <summary>Matching requests to let through before the fault applies (0: the next one).</summary>
    public int Skip { get; init; }

    public int StatusCode { get; init; } = 500;

    public TimeSpan? RetryAfter { get; init; }

    public TimeSpan Delay { get; init; }

    /// <summary>Body size of a <see cref="FaultKind.HugeBody"/>, in bytes; records of an <see cref="FaultKind.OversizedPage"/>.</summary>
    public long Size { get; init; }

    /// <summary>Only requests that continue a scroll (carry a scroll id) match.</summary>
    public bool OnlyContinuation { get; init; }

    /// <summary>Only requests for this webcast match (null: any); for faults of one event among several.</summary>
    public string? EventId { get; init; }

    public static Fault Http(FaultTarget target, int statusCode, int times = 1) => new(target, FaultKind.Status) { StatusCode = statusCode, Times = times };

    public static Fault TooManyRequests(TimeSpan? retryAfter, int times = 1) =>
        new(FaultTarget.RealtimeAttendees, FaultKind.Status) { StatusCode = 429, RetryAfter = retryAfter, Times = times };
}
