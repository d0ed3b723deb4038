namespace Vbrick.Exporter.PostEvent;

/// <summary>The summary of one run's attendee report, ready to publish.</summary>
public sealed record PostEventRun(
    string Run,
    string Source,
    IReadOnlyCollection<PostEventSeries> Series,
    IReadOnlyList<double> ViewingSeconds,
    IReadOnlyDictionary<string, long> Unparsable);
