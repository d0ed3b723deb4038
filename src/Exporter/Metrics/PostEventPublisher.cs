using Vbrick.Exporter.PostEvent;

namespace Vbrick.Exporter.Metrics;

/// <summary>
/// Publishes a finished event's summary. The counters are set to Rev's figures (never added to),
/// so a restarted exporter that reads the report again shows the same values, not double.
/// </summary>
public sealed class PostEventPublisher(ExporterMetrics metrics)
{
    // Each run's observed viewing durations, sorted: a refreshed report that only grew adds its new sessions.
    private readonly Dictionary<string, double[]> _histogramsObserved = new(StringComparer.Ordinal);

    public void Publish(string eventId, PostEventSummary summary, DateTimeOffset at)
    {
        using var _ = metrics.Exclusive();
        foreach (var run in summary.Runs)
        {
            PublishRun(eventId, run);
        }

        PublishPolls(eventId, summary);
        metrics.DurationsPastSessionAge.WithLabels(eventId, DurationField.PostEventRebuffer.Label()).IncTo(summary.Runs.Sum(r => r.RebufferPastSessionTime));
        metrics.PostEventDropped.WithLabels(eventId, "poll").IncTo(summary.DroppedPolls);
        metrics.PostEventDropped.WithLabels(eventId, "poll_answer").IncTo(summary.DroppedAnswers);
        metrics.PostEventDropped.WithLabels(eventId, "poll_results").IncTo(summary.PollsUnread ? 1 : 0);
        metrics.PostEventDropped.WithLabels(eventId, "comment_log").IncTo(summary.CommentsUnread ? 1 : 0);
        if (!summary.CommentsUnread)
        {
            metrics.Comments.WithLabels(eventId).IncTo(summary.Comments);
            metrics.Commenters.WithLabels(eventId).Set(summary.Commenters);
            metrics.CommentsTruncated.WithLabels(eventId).Set(summary.CommentsMayBeTruncated ? 1 : 0);
        }

        metrics.PostEventTimestamp.WithLabels(eventId).Set(UnixTime.Seconds(at));
    }

    /// <summary>A summary read again: what Rev's report did since the first reading (the counters follow only upwards).</summary>
    public void PublishRefresh(string eventId, ReportChange change)
    {
        using var _ = metrics.Exclusive();
        metrics.PostEventRefreshes.WithLabels(eventId, change.Label()).Inc();
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
            SetIfPresent(metrics.PostEventECdnSeconds, labels, series.ECdnSeconds);
            SetIfPresent(metrics.PostEventPublicCdnSeconds, labels, series.PublicCdnSeconds);
        }

        PublishConcurrency(eventId, run);

        foreach (var (field, count) in run.Unparsable)
        {
            metrics.PostEventUnparsable.WithLabels(eventId, run.Run, field).IncTo(count);
        }

        ObserveOnce(metrics.PostEventViewingDuration, [eventId, run.Run], run.ViewingSeconds);
        foreach (var (zone, delays) in run.StartupDelays)
        {
            ObserveOnce(metrics.PostEventStartupDelay, [eventId, run.Run, zone], delays);
        }

        metrics.PostEventConcurrencyExcluded.WithLabels(eventId, run.Run, "viewing_before_entered").IncTo(run.ViewingBeforeEntered);
    }

    /// <summary>
    /// A histogram cannot be set, only observed: a run's values are observed once per process, and a
    /// refreshed report adds the values it gained only where every earlier one is still there.
    /// </summary>
    private void ObserveOnce(ExporterHistogram histogram, string[] labels, IReadOnlyList<double> values)
    {
        var key = string.Join('\n', labels);
        var now = values.Order().ToArray();
        IReadOnlyList<double>? added = _histogramsObserved.TryGetValue(key, out var before) ? Gained(before, now) : now;
        if (added is null)
        {
            return;
        }

        var child = histogram.WithLabels(labels);
        foreach (var value in added)
        {
            child.Observe(value);
        }

        _histogramsObserved[key] = now;
    }

    private void PublishConcurrency(string eventId, PostEventRun run)
    {
        if (run.RevECdnSeconds is { } revECdn)
        {
            metrics.PostEventRevCdnSeconds.WithLabels(eventId, run.Run, "ecdn").Set(revECdn);
        }

        if (run.RevPublicCdnSeconds is { } revPublic)
        {
            metrics.PostEventRevCdnSeconds.WithLabels(eventId, run.Run, "public_cdn").Set(revPublic);
        }

        if (run.RevSummary is { } rev)
        {
            SetGauge(metrics.PostEventRevAudience, [eventId, run.Run, "host"], rev.Hosts);
            SetGauge(metrics.PostEventRevAudience, [eventId, run.Run, "moderator"], rev.Moderators);
            SetGauge(metrics.PostEventRevAudience, [eventId, run.Run, "attendee"], rev.Attendees);
            SetGauge(metrics.PostEventRevRebufferingRatio, [eventId, run.Run], rev.RebufferingRatio);
            SetGauge(metrics.PostEventRevRebufferAverage, [eventId, run.Run], rev.AverageRebufferSeconds);
            SetGauge(metrics.PostEventRevErrorsPerAttendee, [eventId, run.Run], rev.ErrorsPerAttendee);
            SetGauge(metrics.PostEventRevMulticastErrorsPerAttendee, [eventId, run.Run], rev.MulticastErrorsPerAttendee);
        }

        var concurrency = run.Concurrency;
        metrics.PostEventConcurrencyExcluded.WithLabels(eventId, run.Run, "no_entered_date").IncTo(concurrency.MissingEntered);
        metrics.PostEventConcurrencyExcluded.WithLabels(eventId, run.Run, "exited_before_entered").IncTo(concurrency.ExitedBeforeEntered);
        if (concurrency.PeakAt is not { } peakAt)
        {
            // No session with readable dates: no peak, never a made-up zero.
            return;
        }

        metrics.PostEventPeakConcurrent.WithLabels(eventId, run.Run).Set(concurrency.Peak);
        metrics.PostEventPeakTimestamp.WithLabels(eventId, run.Run).Set(UnixTime.Seconds(peakAt));
        metrics.PostEventOpenSessions.WithLabels(eventId, run.Run).Set(concurrency.OpenAtEnd);
        metrics.PostEventConcurrencyStart.WithLabels(eventId, run.Run).Set(UnixTime.Seconds(concurrency.Start));
        metrics.PostEventConcurrencyBucket.WithLabels(eventId, run.Run).Set(concurrency.BucketWidth.TotalSeconds);

        // A refreshed report may span another range: the curve is replaced whole.
        foreach (var stale in metrics.PostEventConcurrent.GetAllLabelValues().Where(l => l[0] == eventId && l[1] == run.Run).ToList())
        {
            metrics.PostEventConcurrent.RemoveLabelled(stale);
        }

        for (var i = 0; i < concurrency.Buckets.Count; i++)
        {
            var minute = (i * concurrency.BucketWidth.TotalMinutes).ToString(System.Globalization.CultureInfo.InvariantCulture);
            metrics.PostEventConcurrent.WithLabels(eventId, run.Run, minute).Set(concurrency.Buckets[i]);
        }
    }

    // A figure Rev left out stays absent: never a made-up zero.
    private static void SetGauge(Prometheus.Gauge gauge, string[] labels, double? value)
    {
        if (value is { } v)
        {
            gauge.WithLabels(labels).Set(v);
        }
    }

    /// <summary>Forgets an expired event's observed durations.</summary>
    public void Forget(string eventId)
    {
        foreach (var key in _histogramsObserved.Keys.Where(k => k.StartsWith(eventId + "\n", StringComparison.Ordinal)).ToList())
        {
            _histogramsObserved.Remove(key);
        }
    }

    /// <summary>What <paramref name="after"/> holds beyond <paramref name="before"/> (both sorted), or null when something of before is gone.</summary>
    private static List<double>? Gained(double[] before, double[] after)
    {
        var gained = new List<double>();
        var i = 0;
        foreach (var value in after)
        {
            if (i < before.Length && before[i].Equals(value))
            {
                i++;
            }
            else if (i < before.Length && before[i] < value)
            {
                return null;
            }
            else
            {
                gained.Add(value);
            }
        }

        return i == before.Length ? gained : null;
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

/// <summary>What a post-event report's session count did between the first reading and a refresh: the <c>result</c> label.</summary>
public enum ReportChange
{
    Grew,
    Same,
    Shrank,
}

public static class ReportChangeLabels
{
    public static string Label(this ReportChange change) => change switch
    {
        ReportChange.Grew => "grew",
        ReportChange.Same => "same",
        ReportChange.Shrank => "shrank",
    };

    public static ReportChange Of(long before, long after) => after > before ? ReportChange.Grew : after == before ? ReportChange.Same : ReportChange.Shrank;
}
