using Vbrick.Exporter.Rev;

namespace Vbrick.Exporter.PostEvent;

/// <summary>
/// Everything fetched for a finished event; published whole, once. <paramref name="DroppedPolls"/>
/// and <paramref name="DroppedAnswers"/> count what the caps (<c>PostEvent:MaxPolls</c>,
/// <c>MaxAnswersPerPoll</c>) kept off <c>/metrics</c>.
/// </summary>
public sealed record PostEventSummary(IReadOnlyList<PostEventRun> Runs, IReadOnlyList<PollResult> Polls, long Comments, long Commenters, long DroppedPolls = 0, long DroppedAnswers = 0);
