namespace Vbrick.Exporter.Aggregation;

/// <summary>
/// The distinct values of one label for one event: the first <c>cap</c> values seen keep their
/// own series for the event's life, later ones fold into <c>other</c>. Lookups take a span, so a
/// value seen before costs no allocation. <c>unknown</c> and <c>other</c> never count toward the cap.
/// </summary>
public sealed class LabelValueTable
{
    public const int UnknownIndex = 0;
    public const int OtherIndex = 1;

    private readonly int _cap;
    private readonly List<string> _values = [LabelSanitizer.Unknown, LabelSanitizer.Other];
    private readonly List<string> _raw = [string.Empty, string.Empty];
    private readonly Dictionary<string, int> _indices = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly char[] _scratch = new char[LabelSanitizer.MaxLength];

    // Raw values as Rev sent them, to the index they resolved to: a value seen before skips the
    // cleaning. Bounded, so a stream of distinct values (they fold into other) cannot grow it.
    private readonly Dictionary<string, int> _rawIndices = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _rawLookup;
    private readonly int _maxRawValues;

    public LabelValueTable(int cap)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(cap);
        _cap = cap;
        _indices[LabelSanitizer.Unknown] = UnknownIndex;
        _indices[LabelSanitizer.Other] = OtherIndex;
        _lookup = _indices.GetAlternateLookup<ReadOnlySpan<char>>();
        _rawLookup = _rawIndices.GetAlternateLookup<ReadOnlySpan<char>>();
        _maxRawValues = 4 * (cap + 2);
    }

    /// <summary>Records folded into <c>other</c> since the last <see cref="DrainFolded"/>.</summary>
    public long Folded { get; private set; }

    public int Count => _values.Count - 2;

    /// <summary>Distinct values kept before later ones fold into <c>other</c>.</summary>
    public int Cap => _cap;

    /// <summary>True once any value folded into <c>other</c>: some values of the event are then not known by name.</summary>
    public bool EverFolded { get; private set; }

    public string this[int index] => _values[index];

    /// <summary>The first raw value Rev sent for the label at <paramref name="index"/>: what a search must ask for.</summary>
    public string Raw(int index) => _raw[index];

    /// <summary>Every named value (not <c>unknown</c> or <c>other</c>), with its raw form, in order of first sight.</summary>
    public IEnumerable<(string Label, string Raw)> Named()
    {
        for (var i = 2; i < _values.Count; i++)
        {
            yield return (_values[i], _raw[i]);
        }
    }

    public int Resolve(ReadOnlySpan<char> raw)
    {
        if (_rawLookup.TryGetValue(raw, out var known))
        {
            if (known == OtherIndex)
            {
                Folded++;
            }

            return known;
        }

        var resolved = ResolveClean(raw);
        if (_rawIndices.Count < _maxRawValues && raw.Length <= 2 * LabelSanitizer.MaxLength)
        {
            _rawLookup[raw] = resolved;
        }

        return resolved;
    }

    private int ResolveClean(ReadOnlySpan<char> raw)
    {
        var value = LabelSanitizer.Clean(raw, _scratch);
        if (value.IsEmpty)
        {
            return UnknownIndex;
        }

        // A value Rev really sends as "unknown" or "other" (a zone may be named so) is not the
        // missing value nor the cap's overflow: it keeps a label of its own, quoted.
        if (value.SequenceEqual(LabelSanitizer.Unknown) || value.SequenceEqual(LabelSanitizer.Other))
        {
            value = LabelSanitizer.Literal(value);
        }

        if (_lookup.TryGetValue(value, out var index))
        {
            return index;
        }

        if (Count >= _cap)
        {
            Folded++;
            EverFolded = true;
            return OtherIndex;
        }

        var text = value.ToString();
        index = _values.Count;
        _values.Add(text);
        _raw.Add(raw.ToString());
        _indices[text] = index;
        return index;
    }

    public long DrainFolded()
    {
        var folded = Folded;
        Folded = 0;
        return folded;
    }
}
