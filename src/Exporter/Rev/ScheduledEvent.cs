namespace Vbrick.Exporter.Rev;

/// <summary>A webcast found by discovery.</summary>
public sealed record ScheduledEvent(string Id, string Title, DateTimeOffset? StartDate, DateTimeOffset? EndDate);
