namespace Vbrick.Exporter.Rev.Dto;

internal sealed record ExtendSessionResponse(DateTimeOffset? Expiration);
