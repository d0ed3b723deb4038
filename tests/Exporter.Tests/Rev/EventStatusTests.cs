using System.Text.Json;
using Vbrick.Exporter.Rev;
using Vbrick.Exporter.Rev.Dto;

namespace Vbrick.Exporter.Tests.Rev;

public sealed class EventStatusTests
{
    [Theory]
    [InlineData("Broadcasting", EventPhase.Live)]
    [InlineData("Recording", EventPhase.Live)]
    [InlineData("RecordingStarting", EventPhase.Live)]
    [InlineData("RecordingStopping", EventPhase.Live)]
    [InlineData("Starting", EventPhase.Starting)]
    [InlineData("InProgress", EventPhase.Starting)]
    [InlineData("VideoSourceStarting", EventPhase.Starting)]
    [InlineData("WaitingForStream", EventPhase.Starting)]
    [InlineData("Scheduled", EventPhase.Scheduled)]
    [InlineData("Completed", EventPhase.Ended)]
    [InlineData("Deleted", EventPhase.Ended)]
    [InlineData(" broadcasting ", EventPhase.Live)]
    [InlineData("SomethingNew", EventPhase.Unknown)]
    [InlineData("", EventPhase.Unknown)]
    [InlineData(null, EventPhase.Unknown)]
    public void PhaseOf_RevStatus_MapsToPhase(string? status, EventPhase expected) =>
        Assert.Equal(expected, EventStatus.PhaseOf(status));

    [Theory]
    [InlineData("\"next Tuesday\"")]
    [InlineData("12345")]
    [InlineData("{\"odd\": true}")]
    [InlineData("null")]
    public void StatusAnswer_WithADateInAnUnexpectedForm_StillReadsTheStatus(string endDate)
    {
        var json = $$"""{ "title": "Town hall", "status": "Broadcasting", "startDate": "2026-12-01T10:00:00Z", "endDate": {{endDate}}, "isPreProduction": false }""";

        var body = JsonSerializer.Deserialize(json, RevJsonContext.Default.EventStatusResponse)!;

        Assert.Equal("Broadcasting", body.Status);
        Assert.False(DateTimeOffset.TryParse(body.EndDate, System.Globalization.CultureInfo.InvariantCulture, out _));
    }
}
