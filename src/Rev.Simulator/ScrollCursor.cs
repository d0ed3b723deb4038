using Vbrick.Rev.Simulator.Audience;

namespace Vbrick.Rev.Simulator;

/// <summary>
/// A scroll is a snapshot of the audience at its creation, in one order and for one search; each
/// page hands out the id of the next cursor. <see cref="Position"/> indexes <see cref="Order"/>.
/// </summary>
internal sealed record ScrollCursor(string EventId, DateTimeOffset SnapshotAt, int Position, int PreviousPosition, EventFigures Figures, string StatusFilter, int[] Order, Func<int, bool> Matches)
{
    public DateTimeOffset LastUsed { get; set; }
}
