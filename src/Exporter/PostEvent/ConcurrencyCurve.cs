namespace Vbrick.Exporter.PostEvent;

/// <summary>
/// Pure: the exact concurrency of a run's sessions from Rev's <c>enteredDate</c> and
/// <c>exitedDate</c>, its peak and the first moment it was reached, and a curve of fixed buckets
/// (the highest concurrency within each). Rules, documented in docs/design.md ("Peak concurrency"):
/// a session without a readable <c>enteredDate</c>, or that exits before it enters, is left out and
/// counted; one without <c>exitedDate</c> is open until the last moment the report records; a session
/// ending at the instant another begins does not overlap it; concurrency counts sessions, so a viewer
/// with two sessions at once counts twice.
/// </summary>
public sealed class ConcurrencyCurve
{
    /// <summary>At most this many buckets: a 3-hour webcast gets 2-minute buckets, a 1-hour one 1-minute buckets.</summary>
    public const int MaxBuckets = 120;

    private readonly List<(DateTimeOffset At, int Delta)> _edges = [];
    private readonly List<DateTimeOffset> _open = [];

    /// <summary>Sessions left out: no readable <c>enteredDate</c>.</summary>
    public long MissingEntered { get; private set; }

    /// <summary>Sessions left out: <c>exitedDate</c> before <c>enteredDate</c>.</summary>
    public long ExitedBeforeEntered { get; private set; }

    public void Add(DateTimeOffset? entered, DateTimeOffset? exited)
    {
        if (entered is not { } start)
        {
            MissingEntered++;
        }
        else if (exited is not { } end)
        {
            _open.Add(start);
        }
        else if (end < start)
        {
            ExitedBeforeEntered++;
        }
        else if (end > start)
        {
            _edges.Add((start, +1));
            _edges.Add((end, -1));
        }
    }

    public ConcurrencySummary Build()
    {
        if (_edges.Count == 0 && _open.Count == 0)
        {
            return ConcurrencySummary.Empty(0) with { MissingEntered = MissingEntered, ExitedBeforeEntered = ExitedBeforeEntered };
        }

        var first = _edges.Select(e => e.At).Concat(_open).Min();
        var last = _edges.Select(e => e.At).Concat(_open).Max();
        var edges = new List<(DateTimeOffset At, int Delta)>(_edges);
        foreach (var start in _open.Where(s => s < last))
        {
            edges.Add((start, +1));
            edges.Add((last, -1));
        }

        // Ends before starts at the same instant: touching sessions do not overlap.
        edges.Sort((a, b) => a.At != b.At ? a.At.CompareTo(b.At) : a.Delta.CompareTo(b.Delta));
        var width = BucketWidth(last - first);
        var buckets = new long[Math.Max(1, (int)Math.Ceiling((last - first) / width))];
        long current = 0;
        long peak = 0;
        DateTimeOffset? peakAt = null;
        for (var i = 0; i < edges.Count; i++)
        {
            current += edges[i].Delta;
            if (current > peak)
            {
                peak = current;
                peakAt = edges[i].At;
            }

            // The level holds from this edge to the next one: every bucket it touches saw it.
            var until = i + 1 < edges.Count ? edges[i + 1].At : last;
            if (current > 0 && until > edges[i].At)
            {
                var from = (int)((edges[i].At - first) / width);
                var to = Math.Min(buckets.Length - 1, (int)((until - first - TimeSpan.FromTicks(1)) / width));
                for (var b = from; b <= to; b++)
                {
                    buckets[b] = Math.Max(buckets[b], current);
                }
            }
        }

        return new ConcurrencySummary(peak, peakAt, first, width, buckets, _open.Count) { MissingEntered = MissingEntered, ExitedBeforeEntered = ExitedBeforeEntered };
    }

    /// <summary>Whole minutes, at least one, so no more than <see cref="MaxBuckets"/> cover the run.</summary>
    private static TimeSpan BucketWidth(TimeSpan span) =>
        TimeSpan.FromMinutes(Math.Max(1, Math.Ceiling(span.TotalMinutes / MaxBuckets)));
}

/// <summary>
/// A run's concurrency: the peak, when it was first reached, and the curve: <c>Buckets</c> hold the
/// highest concurrency within each bucket of <c>BucketWidth</c> from <c>Start</c>; <c>OpenAtEnd</c>
/// counts sessions without <c>exitedDate</c>, open until the report's last moment.
/// </summary>
public sealed record ConcurrencySummary(long Peak, DateTimeOffset? PeakAt, DateTimeOffset Start, TimeSpan BucketWidth, IReadOnlyList<long> Buckets, long OpenAtEnd)
{
    public static ConcurrencySummary Empty(long open) => new(0, null, default, TimeSpan.FromMinutes(1), [], open);

    /// <summary>Sessions left out for want of a readable <c>enteredDate</c>.</summary>
    public long MissingEntered { get; init; }

    /// <summary>Sessions left out because they exit before they enter.</summary>
    public long ExitedBeforeEntered { get; init; }
}
