namespace Vbrick.Exporter.Metrics;

/// <summary>
/// What the status page shows, copied out of the published model in one short, asynchronous hold
/// of the publication gate (as <c>/metrics</c> does); the page is rendered from the copy, outside
/// the gate, so a slow or flooding client never holds up publication or blocks a thread.
/// </summary>
public sealed record StatusSnapshot(
    string Version,
    bool Demo,
    IReadOnlyList<StatusSnapshot.EventRow> Events,
    IReadOnlyList<StatusSnapshot.BudgetRow> Budgets,
    double BudgetShare,
    double ScrollLifetimeSeconds,
    IReadOnlyList<StatusSnapshot.ErrorRow> Errors)
{
    public static async Task<StatusSnapshot> CaptureAsync(ExporterMetrics metrics, CancellationToken cancellationToken)
    {
        using (await metrics.PublicationGate.EnterAsync(cancellationToken))
        {
            return Capture(metrics);
        }
    }

    private static StatusSnapshot Capture(ExporterMetrics metrics)
    {
        var stages = metrics.LifecycleStage.GetAllLabelValues().Where(l => metrics.LifecycleStage.WithLabels(l).Value == 1).ToDictionary(l => l[0], l => l[1], StringComparer.Ordinal);
        var modes = metrics.RealtimeMode.GetAllLabelValues().ToDictionary(l => l[0], l => l[1], StringComparer.Ordinal);
        var up = ValuesByEvent(metrics.Up);
        var figures = ValuesByEvent(metrics.FiguresTimestamp);
        var sweeps = ValuesByEvent(metrics.SweepTimestamp);

        // The main run's peak: the first line of every town-hall report.
        var peaks = metrics.PostEventPeakConcurrent.GetAllLabelValues().Where(l => l[1] == "main").ToDictionary(l => l[0], l => metrics.PostEventPeakConcurrent.WithLabels(l).Value, StringComparer.Ordinal);
        var peakTimes = metrics.PostEventPeakTimestamp.GetAllLabelValues().Where(l => l[1] == "main").ToDictionary(l => l[0], l => metrics.PostEventPeakTimestamp.WithLabels(l).Value, StringComparer.Ordinal);
        var events = metrics.EventInfo.GetAllLabelValues()
            .Select(l => new EventRow(l[0], l[1], l[2], stages.GetValueOrDefault(l[0]), modes.GetValueOrDefault(l[0]), At(figures, l[0]), At(sweeps, l[0]), up.TryGetValue(l[0], out var u) ? u == 1 : null)
            {
                Peak = peaks.TryGetValue(l[0], out var peak) ? (long)peak : null,
                PeakAt = At(peakTimes, l[0]),
            })
            .OrderBy(e => e.Title, StringComparer.Ordinal)
            .ToList();

        var budgets = metrics.Budget.Families()
            .Select(f => new BudgetRow(f.Family, f.LimitPerMinute, f.EffectivePerMinute, f.Granted, metrics.RevCalls.RateLimited(f.Family)))
            .ToList();

        var errors = metrics.RequestFailures.GetAllLabelValues()
            .Select(l => new ErrorRow(l[0], l[1], metrics.RequestFailures.WithLabels(l).Value))
            .Where(e => e.Count > 0)
            .OrderBy(e => e.EventId, StringComparer.Ordinal)
            .ToList();

        return new StatusSnapshot(metrics.Service.Version, metrics.Service.IsDemo, events, budgets, metrics.Budget.Share, metrics.ScrollLifetime.Value, errors);
    }

    /// <summary>Values of a metric whose first label is the key (an event id or a family).</summary>
    private static Dictionary<string, double> ValuesByEvent<T>(Prometheus.Collector<T> collector)
        where T : Prometheus.ChildBase, Prometheus.ICollectorChild
    {
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var labels in collector.GetAllLabelValues())
        {
            values[labels[0]] = collector.WithLabels(labels) switch
            {
                Prometheus.Gauge.Child gauge => gauge.Value,
                Prometheus.Counter.Child counter => counter.Value,
                _ => double.NaN,
            };
        }

        return values;
    }

    private static DateTimeOffset? At(Dictionary<string, double> seconds, string eventId) =>
        seconds.TryGetValue(eventId, out var value) ? DateTimeOffset.FromUnixTimeMilliseconds((long)(value * 1000)) : null;

    public sealed record EventRow(string Id, string Title, string RevStatus, string? Stage, string? Mode, DateTimeOffset? FiguresAt, DateTimeOffset? SweepAt, bool? Up)
    {
        /// <summary>Peak concurrent sessions of the main run, once the summary is in.</summary>
        public long? Peak { get; init; }

        public DateTimeOffset? PeakAt { get; init; }
    }

    public sealed record BudgetRow(string Family, double LimitPerMinute, double EffectivePerMinute, double Granted, double RateLimited);

    public sealed record ErrorRow(string EventId, string Reason, double Count);
}
