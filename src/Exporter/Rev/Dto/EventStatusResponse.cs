namespace Vbrick.Exporter.Rev.Dto;

/// <summary>Older Rev versions name the fields <c>eventTitle</c> / <c>eventStatus</c>: both are read.</summary>
internal sealed record EventStatusResponse(
    string? Title,
    string? EventTitle,
    string? Status,
    string? EventStatus,
    DateTimeOffset? StartDate,
    DateTimeOffset? EndDate,
    bool? IsPreProduction);
