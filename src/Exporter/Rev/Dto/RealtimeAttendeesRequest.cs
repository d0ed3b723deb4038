using System.Text.Json.Serialization;

namespace Vbrick.Exporter.Rev.Dto;

/// <summary>
/// The real-time attendee search. The sort is sent explicitly (Rev's default is FullName, ascending)
/// so the first page of every fresh scroll holds the same sessions: samples re-read them.
/// <see cref="Q"/> with <see cref="SearchField"/> <c>ZoneName</c> narrows a sample to one zone.
/// </summary>
internal sealed record RealtimeAttendeesRequest(
    int Count,
    string Status,
    string AttendeeDetails,
    int RunNumber,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ScrollId,
    string SortField = "FullName",
    string SortDirection = "asc",
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Q = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? SearchField = null);
