using Vbrick.Exporter.Rev;

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
}
