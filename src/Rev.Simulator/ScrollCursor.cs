using Vbrick.Rev.Simulator.Audience;

namespace Vbrick.Rev.Simulator;

/// <summary>A scroll is a snapshot of the audience at its creation; each page hands out the id of the next cursor.</summary>
internal sealed record ScrollCursor(string EventId, DateTimeOffset SnapshotAt, int Position, int PreviousPosition, EventFigures Figures, string StatusFilter)
{
    public DateTimeOffset LastUsed { get; set; }
}
