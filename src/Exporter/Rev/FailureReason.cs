namespace Vbrick.Exporter.Rev;

/// <summary>
/// Why a request or a step failed: the <c>reason</c> label of
/// <c>vbrick_webcast_request_failures_total</c>. One type for Rev's errors (by kind) and the
/// exporter's own faults, so no caller compares label strings to decide what a failure is.
/// </summary>
public readonly record struct FailureReason
{
    private readonly RevErrorKind? _rev;

    private FailureReason(RevErrorKind? rev) => _rev = rev;

    /// <summary>An exception in the exporter's own code (a bug, an overflow), fenced off per event.</summary>
    public static FailureReason Internal { get; } = new(null);

    /// <summary>An error Rev's answer (or its absence) showed.</summary>
    public static FailureReason Of(RevErrorKind kind) => new(kind);

    public string Label => _rev is { } kind ? kind.Label() : "internal";

    public override string ToString() => Label;
}
