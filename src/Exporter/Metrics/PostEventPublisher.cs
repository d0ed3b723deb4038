using Vbrick.Exporter.PostEvent;

namespace Vbrick.Exporter.Metrics;

/// <summary>
/// Publishes a finished event's summary. The counters are set to Rev's figures (never added to),
/// so a restarted exporter that reads the report again shows the same values, not double.
/// </summary>
public sealed class PostEventPublisher(ExporterMetrics metrics)
{
    private readonly HashSet<string> _histogramsObserved = new(StringComparer.Ordinal);

    public void Publish(string eventId, PostEventSummary summary, DateTimeOffset at)
    {
        using var _ = metrics.Exclusive();
        foreach (var run in summary.Runs)
        {
            PublishRun(eventId, run);
        }

        PublishPolls(eventId, summary);
        metrics.PostEventDropped.WithLabels(eventId, "poll").IncTo(summary.DroppedPolls);
        metrics.PostEventDropped.WithLabels(eventId, "poll_answer").IncTo(summary.DroppedAnswers);
        metrics.PostEventDropped.WithLabels(eventId, "poll_results").IncTo(summary.PollsUnread ? 1 : 0);
        metrics.PostEventDropped.WithLabels(eventId, "comment_log").IncTo(summary.CommentsUnread ? 1 : 0);
        if (!summary.CommentsUnread)
        {
            metrics.Comments.WithLabels(eventId).IncTo(summary.Comments);
            metrics.Commenters.WithLabels(eventId).Set(summary.Commenters);
        }

        metrics.PostEventTimestamp.WithLabels(eventId).Set(at.ToUnixTimeMilliseconds() / 1000.0);
    }

    private void PublishRun(string eventId, PostEventRun run)
    {
        metrics.PostEventInfo.WithLabels(eventId, run.Run, run.Source).Set(1);
        foreach (var series in run.Series)
        {
            string[] labels = [eventId, run.Run, series.Zone, series.Browser, series.DeviceType, series.StreamAccessed];
            metrics.PostEventSessions.WithLabels(labels).IncTo(series.Sessions);
            metrics.PostEventViewers.WithLabels(labels).IncTo(series.Viewers);
            SetIfPresent(metrics.PostEventViewingSeconds, labels, series.ViewingSeconds);
            SetIfPresent(metrics.PostEventSessionSeconds, labels, series.SessionSeconds);
            SetIfPresent(metrics.PostEventErrors, labels, series.ExperiencedErrors);
            SetIfPresent(metrics.PostEventMulticastErrors, labels, series.MulticastErrors);
            SetIfPresent(metrics.PostEventBufferEvents, labels, series.BufferEvents);
            SetIfPresent(metrics.PostEventRebufferEvents, labels, series.RebufferEvents);
            SetIfPresent(metrics.PostEventRebufferSeconds, labels, series.RebufferSeconds);
        }

        foreach (var (field, count) in run.Unparsable)
        {
            metrics.PostEventUnparsable.WithLabels(eventId, run.Run, field).IncTo(count);
        }

        // A histogram cannot be set, only observed: observe a run's report once per process.
        if (_histogramsObserved.Add(eventId + "\n" + run.Run))
        {
            var histogram = metrics.PostEventViewingDuration.WithLabels(eventId, run.Run);
            foreach (var seconds in run.ViewingSeconds)
            {
                histogram.Observe(seconds);
            }
        }
    }

    private void PublishPolls(string eventId, PostEventSummary summary)
    {
        var questions = PollLabels.Distinct(summary.Polls.Select(p => p.Question));
        for (var i = 0; i < summary.Polls.Count; i++)
        {
            var poll = summary.Polls[i];
            var question = questions[i];
            if (poll.TotalResponses is { } responses)
            {
                metrics.PollResponses.WithLabels(eventId, question).IncTo(responses);
            }

            if (poll.TotalNoResponses is { } none)
            {
                metrics.PollNoResponses.WithLabels(eventId, question).IncTo(none);
            }

            if (poll.AllowMultipleAnswers is { } multiple)
            {
                metrics.PollMultipleAnswers.WithLabels(eventId, question).Set(multiple ? 1 : 0);
            }

            var answers = PollLabels.Distinct(poll.Answers.Select(a => a.Answer));
            for (var j = 0; j < poll.Answers.Count; j++)
            {
                if (poll.Answers[j].Votes is { } votes)
                {
                    metrics.PollVotes.WithLabels(eventId, question, answers[j]).IncTo(votes);
                }
            }
        }
    }

    // A sum past what a counter can hold (or +Inf from Rev's data) is no reading: left absent.
    private static void SetIfPresent(Prometheus.Counter counter, string[] labels, double? value)
    {
        if (value is { } v && ExporterMetrics.IsCounterValue(v))
        {
            counter.WithLabels(labels).IncTo(v);
        }
    }
}
