using Vbrick.Exporter.Rev;

namespace Vbrick.Exporter.Aggregation.Census;

/// <summary>
/// Reads one search page: every record is a reading like any other (counters, quality window,
/// label discovery, through <paramref name="reading"/>), and the searched field's values are kept
/// as runs in page order for <see cref="CensusJudge"/>. Only the run boundaries allocate.
/// </summary>
public sealed class CensusPage(SampleAccumulator reading, SearchField field) : IAttendeeSink
{
    private readonly List<ValueRun> _runs = [];
    private readonly char[] _scratch = new char[LabelSanitizer.MaxLength];
    private string? _label;
    private int _records;
    private int _online;

    public SearchField Field { get; } = field;

    public SampleAccumulator Reading { get; } = reading;

    /// <summary>Records on the page that were not online (an online-only search that returned them did not filter).</summary>
    public int NotOnline { get; private set; }

    public int Records { get; private set; }

    public void Add(in AttendeeRecord record)
    {
        Reading.Add(in record);
        Records++;
        var online = AttendeeReading.StatusOf(record.Status) == SessionStatus.Online;
        NotOnline += online ? 0 : 1;
        var clean = LabelSanitizer.Clean(Field.ValueIn(in record), _scratch);
        var label = clean.IsEmpty ? LabelSanitizer.Unknown.AsSpan() : clean;
        if (_label is null || !label.SequenceEqual(_label))
        {
            Flush();
            _label = label.ToString();
        }

        _records++;
        _online += online ? 1 : 0;
    }

    /// <summary>The page's values in order, each run with its records and how many of them were online.</summary>
    public IReadOnlyList<ValueRun> Runs()
    {
        Flush();
        return _runs;
    }

    private void Flush()
    {
        if (_label is not null && _records > 0)
        {
            _runs.Add(new ValueRun(_label, _records, _online));
        }

        _records = 0;
        _online = 0;
    }
}
