namespace Vbrick.Exporter.PostEvent;

/// <summary>The summary of one run's attendee report, ready to publish.</summary>
public sealed record PostEventRun(
    string Run,
    string Source,
    IReadOnlyCollection<PostEventSeries> Series,
    IReadOnlyList<double> ViewingSeconds,
    IReadOnlyDictionary<string, long> Unparsable)
{
    /// <summary>Sessions whose <c>rebufferDuration</c> is longer than their <c>sessionTime</c> (<see cref="Rev.SessionAge"/>): a unit read wrong.</summary>
    public long RebufferPastSessionTime { get; init; }

    /// <summary>Exact concurrency from the sessions' entered and exited dates.</summary>
    public ConcurrencySummary Concurrency { get; init; } = ConcurrencySummary.Empty(0);

    /// <summary>Rev's <c>totalECDNTime</c>, when its first page carried one that reads as a duration.</summary>
    public double? RevECdnSeconds { get; init; }

    /// <summary>Rev's <c>totalPublicCDNTime</c>, likewise.</summary>
    public double? RevPublicCdnSeconds { get; init; }

    /// <summary>Rev's own event-wide figures from the report's first page, when it carried them.</summary>
    public Rev.ReportSummary? RevSummary { get; init; }

    /// <summary>Per zone label, each playing session's <c>viewingStartTime - enteredDate</c> in seconds.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<double>> StartupDelays { get; init; } = new Dictionary<string, IReadOnlyList<double>>();

    /// <summary>Sessions whose video started before they entered: no delay is made up for them.</summary>
    public long ViewingBeforeEntered { get; init; }
}
