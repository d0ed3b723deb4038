namespace Vbrick.Exporter.Rev.Dto;

internal sealed record AuthenticateRequest(string ApiKey, string Secret);
