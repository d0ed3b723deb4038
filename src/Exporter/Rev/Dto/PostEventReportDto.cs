using System.Text.Json.Serialization;

namespace Vbrick.Exporter.Rev.Dto;

internal sealed record PostEventReportDto(
    List<PostEventSessionDto?>? Sessions,
    [property: JsonConverter(typeof(LenientNumberConverter))] double? TotalSessions,
    [property: JsonConverter(typeof(LenientStringConverter))] string? ScrollId,
    [property: JsonConverter(typeof(LenientStringConverter))] string? ErrorDescription,
    [property: JsonPropertyName("totalPublicCDNTime"), JsonConverter(typeof(LenientStringConverter))] string? TotalPublicCdnTime = null,
    [property: JsonPropertyName("totalECDNTime"), JsonConverter(typeof(LenientStringConverter))] string? TotalECdnTime = null);
