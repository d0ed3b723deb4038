using System.Text.Json.Serialization;

namespace Vbrick.Exporter.Rev.Dto;

/// <summary>One session of Rev's post-event (or deprecated) attendee report, as on the wire.</summary>
internal sealed record PostEventSessionDto(
    [property: JsonConverter(typeof(LenientStringConverter))] string? UserType,
    [property: JsonConverter(typeof(LenientStringConverter))] string? AttendeeType,
    [property: JsonConverter(typeof(LenientStringConverter))] string? Name,
    [property: JsonConverter(typeof(LenientStringConverter))] string? Username,
    [property: JsonConverter(typeof(LenientStringConverter))] string? Email,
    [property: JsonConverter(typeof(LenientStringConverter))] string? Browser,
    [property: JsonConverter(typeof(LenientStringConverter))] string? DeviceType,
    [property: JsonConverter(typeof(LenientStringConverter))] string? Zone,
    [property: JsonConverter(typeof(LenientStringConverter))] string? StreamAccessed,
    [property: JsonConverter(typeof(LenientStringConverter))] string? SessionTime,
    [property: JsonConverter(typeof(LenientStringConverter))] string? ViewingTime,
    [property: JsonConverter(typeof(LenientNumberConverter))] double? ExperiencedErrors,
    [property: JsonConverter(typeof(LenientNumberConverter))] double? MulticastErrors,
    [property: JsonConverter(typeof(LenientNumberConverter))] double? BufferEvents,
    [property: JsonConverter(typeof(LenientNumberConverter))] double? RebufferEvents,
    [property: JsonConverter(typeof(LenientNumberConverter))] double? RebufferDuration,
    [property: JsonConverter(typeof(LenientDateConverter))] DateTimeOffset? EnteredDate = null,
    [property: JsonConverter(typeof(LenientDateConverter))] DateTimeOffset? ExitedDate = null,
    [property: JsonConverter(typeof(LenientDateConverter))] DateTimeOffset? ViewingStartTime = null,
    [property: JsonPropertyName("publicCDNTime"), JsonConverter(typeof(LenientStringConverter))] string? PublicCdnTime = null,
    [property: JsonPropertyName("eCDNTime"), JsonConverter(typeof(LenientStringConverter))] string? ECdnTime = null);
