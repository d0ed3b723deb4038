namespace Vbrick.Exporter.Rev.Dto;

internal sealed record AuthenticateResponse(string? Token, string? Issuer, DateTimeOffset? Expiration);
