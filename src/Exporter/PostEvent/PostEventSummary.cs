using Vbrick.Exporter.Rev;

namespace Vbrick.Exporter.PostEvent;

/// <summary>Everything fetched for a finished event; published whole, once.</summary>
public sealed record PostEventSummary(IReadOnlyList<PostEventRun> Runs, IReadOnlyList<PollResult> Polls, long Comments, long Commenters);
