using System.Text.Json.Serialization;

namespace Vbrick.Exporter.Rev.Dto;

internal sealed record ExtendSessionResponse([property: JsonConverter(typeof(LenientDateConverter))] DateTimeOffset? Expiration);
