using System.Text.Json.Serialization;

namespace Vbrick.Exporter.Rev.Dto;

/// <summary>An item of <c>GET /api/v2/scheduled-events</c> (a bare array; no status in the items).</summary>
internal sealed record ScheduledEventDto(
    [property: JsonConverter(typeof(LenientStringConverter))] string? Id,
    [property: JsonConverter(typeof(LenientStringConverter))] string? Title,
    [property: JsonConverter(typeof(LenientDateConverter))] DateTimeOffset? StartDate,
    [property: JsonConverter(typeof(LenientDateConverter))] DateTimeOffset? EndDate);
