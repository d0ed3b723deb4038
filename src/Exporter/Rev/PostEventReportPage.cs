namespace Vbrick.Exporter.Rev;

public sealed record PostEventReportPage(IReadOnlyList<PostEventSession> Sessions, long? TotalSessions, string? ScrollId);
