namespace Vbrick.Exporter.Rev.Dto;

/// <summary>
/// Older Rev versions name the fields <c>eventTitle</c> / <c>eventStatus</c>: both are read. Dates
/// are read as text and parsed leniently: a date in an unexpected form must not fail the status.
/// </summary>
internal sealed record EventStatusResponse(
    string? Title,
    string? EventTitle,
    string? Status,
    string? EventStatus,
    [property: System.Text.Json.Serialization.JsonConverter(typeof(LenientStringConverter))] string? StartDate,
    [property: System.Text.Json.Serialization.JsonConverter(typeof(LenientStringConverter))] string? EndDate,
    [property: System.Text.Json.Serialization.JsonConverter(typeof(LenientBoolConverter))] bool? IsPreProduction);
