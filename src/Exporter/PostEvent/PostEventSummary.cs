using Vbrick.Exporter.Rev;

namespace Vbrick.Exporter.PostEvent;

/// <summary>
/// Everything fetched for a finished event; published whole, once. <paramref name="DroppedPolls"/>
/// and <paramref name="DroppedAnswers"/> count what the caps (<c>PostEvent:MaxPolls</c>,
/// <c>MaxAnswersPerPoll</c>) kept off <c>/metrics</c>. <paramref name="PollsUnread"/> and
/// <paramref name="CommentsUnread"/> mark a part whose answer passed <c>Rev:MaxResponseBytes</c>:
/// it is left out (absent, never a wrong zero) rather than holding back the whole summary.
/// </summary>
public sealed record PostEventSummary(
    IReadOnlyList<PostEventRun> Runs,
    IReadOnlyList<PollResult> Polls,
    long Comments,
    long Commenters,
    long DroppedPolls = 0,
    long DroppedAnswers = 0,
    bool PollsUnread = false,
    bool CommentsUnread = false)
{
    /// <summary>The comment log came back as one bare array of Rev's default size or more: the count may be short of the truth.</summary>
    public bool CommentsMayBeTruncated { get; init; }
}
