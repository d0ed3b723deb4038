using Vbrick.Exporter.Rev;

namespace Vbrick.Exporter.Aggregation.Census;

/// <summary>
/// An event's head counts by zone, stream type and browser, at every audience size: each value's
/// count comes from the freshest exact source, a completed sweep (its online records) or a census
/// page that proved it (<see cref="CensusJudge"/>). Values come from readings (the label tables) and,
/// for zones, from the account's zone list. Pure: pages and results in, counts out.
/// </summary>
public sealed class EventCensus(EventAudience audience)
{
    public static readonly IReadOnlyList<SearchField> Fields = Enum.GetValues<SearchField>();

    private readonly Dictionary<SearchField, Dictionary<string, CensusValue>> _values = Fields.ToDictionary(f => f, _ => new Dictionary<string, CensusValue>(StringComparer.Ordinal));
    private readonly Dictionary<SearchField, Dictionary<string, HeadCount>> _counts = Fields.ToDictionary(f => f, _ => new Dictionary<string, HeadCount>(StringComparer.Ordinal));

    public IReadOnlyDictionary<string, HeadCount> Counts(SearchField field) => _counts[field];

    public IEnumerable<CensusValue> Values(SearchField field) => _values[field].Values;

    /// <summary>
    /// Adds the account's zone names; a name already seen in a reading is not added twice, and no
    /// more listed-only names than the label cap are kept (a tenant may list hundreds of zones).
    /// </summary>
    public void AddListed(IEnumerable<string> zoneNames, DateTimeOffset at)
    {
        var listed = _values[SearchField.ZoneName].Values.Count(v => v.ListedOnly);
        foreach (var raw in zoneNames)
        {
            if (listed >= audience.Zones.Cap)
            {
                return;
            }

            var label = LabelSanitizer.Clean(raw);
            if (label != LabelSanitizer.Unknown && label != LabelSanitizer.Other && !_values[SearchField.ZoneName].ContainsKey(label))
            {
                _values[SearchField.ZoneName][label] = new CensusValue(SearchField.ZoneName, raw, label, at) { ListedOnly = true };
                listed++;
            }
        }
    }

    /// <summary>Takes in the values readings have shown since the last call.</summary>
    public void Discover(DateTimeOffset at)
    {
        foreach (var field in Fields)
        {
            var values = _values[field];
            foreach (var (label, raw) in Table(field).Named())
            {
                if (values.TryGetValue(label, out var known))
                {
                    known.ListedOnly = false;
                }
                else
                {
                    values[label] = new CensusValue(field, raw, label, at);
                }
            }
        }
    }

    /// <summary>Values readings of this event showed: Rev keeps a session listed (under status All) once it existed.</summary>
    public IEnumerable<string> Present(SearchField field) => Table(field).Named().Select(v => v.Label);

    /// <summary>Every value name known for the field; null when some are not known (the label cap folded values), so no total can be trusted.</summary>
    public IReadOnlyCollection<string>? KnownNames(SearchField field) =>
        Table(field).EverFolded ? null : [.. _values[field].Keys];

    /// <summary>A completed sweep counted every online session: the freshest count of each value it saw, and 0 for those it did not.</summary>
    public void ApplySweep(SweepResult sweep)
    {
        foreach (var field in Fields)
        {
            var online = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var series in sweep.Series)
            {
                var label = field switch
                {
                    SearchField.ZoneName => series.Zone,
                    SearchField.StreamType => series.StreamType,
                    SearchField.Browser => series.Browser,
                };
                online[label] = online.GetValueOrDefault(label) + series.Online;
            }

            var counts = _counts[field];
            foreach (var label in counts.Keys.Where(l => !online.ContainsKey(l)).ToList())
            {
                online[label] = 0;
            }

            foreach (var (label, count) in online)
            {
                if (count > 0 || counts.ContainsKey(label))
                {
                    Set(counts, label, new HeadCount(count, sweep.StartedAt));
                }
            }
        }
    }

    /// <summary>
    /// Reads a census page of <paramref name="value"/>: its records are evidence of Rev's search rule
    /// (<paramref name="evidence"/>, the field's, account-wide), and, on an online-only page, it may
    /// prove the value's count. A page of every status is a probe: it proves values absent instead.
    /// <paramref name="descending"/> is the direction the page was sorted in.
    /// </summary>
    public CensusVerdict Apply(CensusValue value, CensusPage page, RealtimePage meta, bool onlineOnly, bool descending, SearchRuleEvidence evidence, DateTimeOffset at)
    {
        var runs = page.Runs();
        var complete = string.IsNullOrWhiteSpace(meta.ScrollId) || meta.AttendeesRead == 0 || (meta.Total is { } total && page.Records >= total);
        foreach (var run in runs)
        {
            if (!string.Equals(run.Label, value.Label, StringComparison.Ordinal) && run.Label != LabelSanitizer.Unknown)
            {
                evidence.Seen(value.Label, run.Label);
            }
        }

        if (CensusJudge.CheckOrder(runs, descending).Violated)
        {
            evidence.SortViolated();
        }

        if (!onlineOnly)
        {
            value.LastProbedAt = at;
            foreach (var absent in CensusJudge.ProvenAbsent(value.Label, runs, complete, descending, evidence.SortTrusted, Present(value.Field)))
            {
                evidence.Missed(value.Label, absent);
            }

            return new CensusVerdict(CensusResult.Ambiguous);
        }

        var names = KnownNames(value.Field);
        var isolated = names is not null && page.NotOnline == 0 && evidence.Isolated(value.Label, names);
        var verdict = page.NotOnline > 0
            ? new CensusVerdict(CensusResult.Failed)
            : CensusJudge.Judge(value.Label, runs, complete, meta.Total, descending, isolated);
        value.LastTriedAt = at;
        value.LastResult = verdict.Result;
        if (verdict.Result.Counted())
        {
            value.Count = verdict.Count;
            value.LastCountedAt = at;
            if (verdict.Count > 0 || _counts[value.Field].ContainsKey(value.Label) || !value.ListedOnly)
            {
                Set(_counts[value.Field], value.Label, new HeadCount(verdict.Count, at));
            }
        }
        else if (verdict.Result == CensusResult.NotReached)
        {
            value.Descending = !descending;
        }

        return verdict;
    }

    /// <summary>A census request Rev refused or that could not be read.</summary>
    public static void Failed(CensusValue value, DateTimeOffset at)
    {
        value.LastTriedAt = at;
        value.LastResult = CensusResult.Failed;
    }

    private static void Set(Dictionary<string, HeadCount> counts, string label, HeadCount count)
    {
        if (!counts.TryGetValue(label, out var old) || old.At <= count.At)
        {
            counts[label] = count;
        }
    }

    private LabelValueTable Table(SearchField field) => field switch
    {
        SearchField.ZoneName => audience.Zones,
        SearchField.StreamType => audience.StreamTypes,
        SearchField.Browser => audience.Browsers,
    };
}
