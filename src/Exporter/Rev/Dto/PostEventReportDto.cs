using System.Text.Json.Serialization;

namespace Vbrick.Exporter.Rev.Dto;

internal sealed record PostEventReportDto(
    List<PostEventSessionDto?>? Sessions,
    [property: JsonConverter(typeof(LenientNumberConverter))] double? TotalSessions,
    [property: JsonConverter(typeof(LenientStringConverter))] string? ScrollId,
    [property: JsonConverter(typeof(LenientStringConverter))] string? ErrorDescription,
    [property: JsonPropertyName("totalPublicCDNTime"), JsonConverter(typeof(LenientStringConverter))] string? TotalPublicCdnTime = null,
    [property: JsonPropertyName("totalECDNTime"), JsonConverter(typeof(LenientStringConverter))] string? TotalECdnTime = null,
    [property: JsonConverter(typeof(LenientNumberConverter))] double? HostCount = null,
    [property: JsonConverter(typeof(LenientNumberConverter))] double? ModeratorCount = null,
    [property: JsonConverter(typeof(LenientNumberConverter))] double? AttendeeCount = null,
    [property: JsonConverter(typeof(LenientNumberConverter))] double? ExperiencedRebufferingPercentage = null,
    [property: JsonConverter(typeof(LenientNumberConverter))] double? AverageExperiencedRebufferDuration = null,
    [property: JsonConverter(typeof(LenientNumberConverter))] double? ExperiencedErrorsPerAttendees = null,
    [property: JsonConverter(typeof(LenientNumberConverter))] double? MulticastErrorsPerAttendees = null);
