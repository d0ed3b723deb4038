using System.Text.Json.Serialization;

namespace Vbrick.Exporter.Rev.Dto;

internal sealed record RealtimeAttendeesRequest(
    int Count,
    string Status,
    string AttendeeDetails,
    int RunNumber,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ScrollId);
