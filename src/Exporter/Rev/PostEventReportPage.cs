namespace Vbrick.Exporter.Rev;

/// <summary>
/// One page of a post-event report. <see cref="TotalECdnTime"/> and <see cref="TotalPublicCdnTime"/>
/// are Rev's own event-wide totals (raw text, Rev 7.45+), read from the first page, as is <see cref="Summary"/>.
/// </summary>
public sealed record PostEventReportPage(IReadOnlyList<PostEventSession> Sessions, long? TotalSessions, string? ScrollId, string? TotalECdnTime = null, string? TotalPublicCdnTime = null)
{
    public ReportSummary? Summary { get; init; }
}
