using System.Text.Json.Serialization;

namespace Vbrick.Exporter.Rev.Dto;

/// <summary>
/// The one source-generated context for Rev's small DTOs. Real-time attendee pages do not go
/// through it: they are streamed by <see cref="RealtimePageReader"/> so memory never follows response size.
/// </summary>
[JsonSourceGenerationOptions(
    System.Text.Json.JsonSerializerDefaults.Web,
    NumberHandling = JsonNumberHandling.AllowReadingFromString,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip)]
[JsonSerializable(typeof(AuthenticateRequest))]
[JsonSerializable(typeof(AuthenticateResponse))]
[JsonSerializable(typeof(ExtendSessionResponse))]
[JsonSerializable(typeof(EventStatusResponse))]
[JsonSerializable(typeof(RealtimeAttendeesRequest))]
[JsonSerializable(typeof(PostEventReportDto))]
[JsonSerializable(typeof(List<PostEventSessionDto?>))]
[JsonSerializable(typeof(List<ScheduledEventDto?>))]
internal sealed partial class RevJsonContext : JsonSerializerContext;
