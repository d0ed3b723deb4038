using Vbrick.Exporter.Rev;

namespace Vbrick.Exporter.PostEvent;

/// <summary>
/// Fetches everything Rev keeps about a finished event, one request per step so the polling loop
/// (and its budgets) stay in charge: the attendee report of the main run and, when asked, the
/// pre-production runs, page by page; else the deprecated report when Rev predates the new one;
/// then polls; then comments. Any failure ends the fetch; the caller starts a new one later.
/// </summary>
public sealed class PostEventFetch(string eventId, PostEventOptions options, int labelValueCap, long maxSessions)
{
    private const int MaxCommentPages = 1_000;

    private readonly PostEventLabels _labels = new(labelValueCap);
    private readonly List<PostEventRun> _runs = [];
    private readonly HashSet<ulong> _commenters = [];
    private Stage _stage = Stage.Report;
    private int _run;
    private string? _scrollId;
    private int _pages;
    private int _largestPage;
    private PostEventRunAggregator? _aggregator;
    private IReadOnlyList<PollResult> _polls = [];
    private long _comments;
    private long _droppedPolls;
    private long _droppedAnswers;
    private bool _deprecatedAtScheduledEvents;
    private bool _pollsUnread;
    private bool _commentsUnread;

    private enum Stage
    {
        Report,
        DeprecatedReport,
        Polls,
        Comments,
        Done,
    }

    /// <summary>
    /// Rev's default comment page size (Vbrick's spec). A bare array this long cannot be continued
    /// and may have been cut there.
    /// </summary>
    public const int DefaultCommentsSize = 10_000;

    /// <summary>True when the comment log came back as a bare array of at least <see cref="DefaultCommentsSize"/> comments.</summary>
    public bool CommentsMayBeTruncated { get; private set; }

    /// <summary>True once the deprecated report had to be used (Rev before 7.36).</summary>
    public bool UsedDeprecatedReport { get; private set; }

    public PostEventSummary Summary => new(_runs, _polls, _comments, _commenters.Count, _droppedPolls, _droppedAnswers, _pollsUnread, _commentsUnread) { CommentsMayBeTruncated = CommentsMayBeTruncated };

    /// <summary>
    /// The failure of the last step when it was skipped rather than retried (an answer over
    /// <c>Rev:MaxResponseBytes</c> would be just as large next time); null otherwise.
    /// </summary>
    public RevApiException? Skipped { get; private set; }

    /// <returns>True when everything has been fetched and <see cref="Summary"/> is complete.</returns>
    public async Task<bool> StepAsync(RevClient client, CancellationToken cancellationToken)
    {
        Skipped = null;
        switch (_stage)
        {
            case Stage.Report:
                await ReportPageAsync(client, cancellationToken);
                break;
            case Stage.DeprecatedReport:
                IReadOnlyList<PostEventSession> sessions;
                try
                {
                    sessions = await client.GetDeprecatedReportAsync(eventId, _deprecatedAtScheduledEvents, cancellationToken);
                }
                catch (RevApiException ex) when (ex.Kind == RevErrorKind.NotFound && !_deprecatedAtScheduledEvents)
                {
                    // The seed's path is unknown here: Vbrick's OpenAPI names the other one. Next step tries it.
                    _deprecatedAtScheduledEvents = true;
                    break;
                }

                var aggregator = new PostEventRunAggregator("main", "deprecated_report", _labels);
                foreach (var session in sessions)
                {
                    aggregator.Add(session);
                }

                _runs.Add(aggregator.Build());
                _stage = Stage.Polls;
                break;
            case Stage.Polls:
                try
                {
                    _polls = Capped(await client.GetPollResultsAsync(eventId, 0, cancellationToken));
                }
                catch (RevApiException ex) when (ex.Kind == RevErrorKind.TooLarge)
                {
                    _pollsUnread = true;
                    Skipped = ex;
                }

                _stage = Stage.Comments;
                break;
            case Stage.Comments:
                CommentsPage page;
                try
                {
                    page = await client.GetCommentsPageAsync(eventId, 0, _scrollId, cancellationToken);
                }
                catch (RevApiException ex) when (ex.Kind == RevErrorKind.TooLarge)
                {
                    // Pages already read would make a partial count look whole: the count is left out.
                    _commentsUnread = true;
                    _comments = 0;
                    _commenters.Clear();
                    Skipped = ex;
                    _stage = Stage.Done;
                    break;
                }

                _comments += page.Comments;
                _commenters.UnionWith(page.CommenterKeys);
                _pages++;
                _scrollId = page.ScrollId;
                CommentsMayBeTruncated |= page.ScrollId is null && page.Comments >= DefaultCommentsSize;
                if (page.ScrollId is null || page.Comments == 0 || _pages >= MaxCommentPages)
                {
                    _stage = Stage.Done;
                }

                break;
        }

        return _stage == Stage.Done;
    }

    /// <summary>Each poll and answer is a label value: a poll of 100,000 answers must not become 100,000 series.</summary>
    private List<PollResult> Capped(IReadOnlyList<PollResult> polls)
    {
        _droppedPolls = Math.Max(0, polls.Count - options.MaxPolls);
        _droppedAnswers = polls.Skip(options.MaxPolls).Sum(p => (long)p.Answers.Count);
        var kept = new List<PollResult>(Math.Min(polls.Count, options.MaxPolls));
        foreach (var poll in polls.Take(options.MaxPolls))
        {
            _droppedAnswers += Math.Max(0, poll.Answers.Count - options.MaxAnswersPerPoll);
            kept.Add(poll.Answers.Count <= options.MaxAnswersPerPoll ? poll : poll with { Answers = [.. poll.Answers.Take(options.MaxAnswersPerPoll)] });
        }

        return kept;
    }

    private async Task ReportPageAsync(RevClient client, CancellationToken cancellationToken)
    {
        PostEventReportPage page;
        try
        {
            page = await client.GetPostEventReportPageAsync(eventId, _run, _scrollId, cancellationToken);
        }
        catch (RevApiException ex) when (ex.Kind == RevErrorKind.NotFound && _run == 0 && _scrollId is null)
        {
            // Rev before 7.36 has no post-event report: fall back to the deprecated one.
            UsedDeprecatedReport = true;
            _stage = Stage.DeprecatedReport;
            return;
        }
        catch (RevApiException ex) when (_run > 0 && _scrollId is null && (ex.Kind == RevErrorKind.NotFound || ex.StatusCode == System.Net.HttpStatusCode.BadRequest))
        {
            // No such pre-production run (404 or 400): the search for runs ends here. A 5xx is a
            // failure like any other: the fetch is retried, not cut short.
            FinishReports();
            return;
        }

        _aggregator ??= new PostEventRunAggregator(_run == 0 ? "main" : $"pre_production_{_run}", "post_event_report", _labels);
        _aggregator.AddRevTotals(page.TotalECdnTime, page.TotalPublicCdnTime, page.Summary);
        foreach (var session in page.Sessions)
        {
            _aggregator.Add(session);
        }

        _pages++;
        _largestPage = Math.Max(_largestPage, page.Sessions.Count);
        var last = page.ScrollId is null || page.Sessions.Count == 0 || (page.TotalSessions is { } total && _aggregator.Sessions >= total)
            || ScrollGuard.RanAway(_pages, page.TotalSessions, maxSessions, ScrollGuard.Served(_largestPage));
        if (!last)
        {
            _scrollId = page.ScrollId;
            return;
        }

        var emptyPreProduction = _run > 0 && _aggregator.Sessions == 0;
        if (!emptyPreProduction)
        {
            _runs.Add(_aggregator.Build());
        }

        _aggregator = null;
        _scrollId = null;
        _pages = 0;
        _largestPage = 0;
        if (options.IncludePreProduction && !emptyPreProduction && _run < options.MaxPreProductionRuns)
        {
            _run++;
            return;
        }

        FinishReports();
    }

    private void FinishReports()
    {
        _scrollId = null;
        _pages = 0;
        _largestPage = 0;
        _stage = Stage.Polls;
    }
}
