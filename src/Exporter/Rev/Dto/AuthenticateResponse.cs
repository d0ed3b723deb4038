using System.Text.Json.Serialization;

namespace Vbrick.Exporter.Rev.Dto;

internal sealed record AuthenticateResponse(
    [property: JsonConverter(typeof(LenientStringConverter))] string? Token,
    [property: JsonConverter(typeof(LenientStringConverter))] string? Issuer,
    [property: JsonConverter(typeof(LenientDateConverter))] DateTimeOffset? Expiration);
