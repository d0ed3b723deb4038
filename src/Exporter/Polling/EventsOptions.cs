using Microsoft.Extensions.Options;
using Vbrick.Exporter.Configuration;

namespace Vbrick.Exporter.Polling;

/// <summary>Which webcasts to watch (section <c>Events</c>).</summary>
public sealed class EventsOptions
{
    public const string SectionName = "Events";

    /// <summary>Ids (GUIDs) of the webcasts to watch; always watched, whatever discovery finds.</summary>
    public List<string> Ids { get; set; } = [];

    /// <summary>Find live and starting webcasts through Rev and watch them too.</summary>
    public bool Discover { get; set; }

    /// <summary>Ids discovery must never watch.</summary>
    public List<string> Exclude { get; set; } = [];

    /// <summary>Ids of webcasts that have already ended, whose summaries are fetched at start-up.</summary>
    public List<string> PostEventIds { get; set; } = [];

    /// <summary>Gap between two discovery searches.</summary>
    [Between("00:00:10", "1.00:00:00")]
    public TimeSpan DiscoverInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How far ahead discovery looks for webcasts about to start.</summary>
    [Between("00:00:00", "7.00:00:00")]
    public TimeSpan DiscoverLookahead { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Distinct values kept per label per event before the rest fold into <c>other</c>.</summary>
    [Between("1", "10000")]
    public int LabelValueCap { get; set; } = 50;

    /// <summary>Discovered events watched at once at most: a tenant listing thousands must not exhaust memory or the budget.</summary>
    [Between("1", "10000")]
    public int MaxDiscovered { get; set; } = 100;

    /// <summary>
    /// Sessions whose running totals are kept per event (about 300 bytes each). Sessions beyond it
    /// still count in the attendee gauges but not in the counters, and are counted as
    /// <c>invalid_records{reason="sessions_over_cap"}</c>.
    /// </summary>
    [Between("100", "50000000")]
    public int MaxSessionsPerEvent { get; set; } = 600_000;

    /// <summary>
    /// Sessions tracked across every watched event at once, with the same consequence past it. The
    /// default, filled, with the label tables and a sweep in flight, peaked at 359 MiB in the shipped
    /// 512 MiB container's heap limit (MemoryBudgetTests); raise it with the memory limit.
    /// </summary>
    [Between("100", "50000000")]
    public int MaxTrackedSessions { get; set; } = 600_000;

    /// <summary>
    /// Zone x stream type x browser combinations per event (each is a set of series); new ones beyond
    /// it fold into other / other / other, counted as <c>label_values_folded_total{label="combination"}</c>.
    /// </summary>
    [Between("1", "125000")]
    public int MaxCombinations { get; set; } = 1_000;
}

/// <summary>The annotations' rules, generated at compile time.</summary>
[OptionsValidator]
internal sealed partial class EventsOptionsValidator : IValidateOptions<EventsOptions>;

/// <summary>Every listed id must be a webcast id; the index names the bad one.</summary>
internal sealed class EventsOptionsCustomValidator : OptionsRules<EventsOptions>
{
    protected override void Check(EventsOptions options, List<string> failures)
    {
        CheckIds(failures, "Events:Ids", options.Ids);
        CheckIds(failures, "Events:Exclude", options.Exclude);
        CheckIds(failures, "Events:PostEventIds", options.PostEventIds);
    }

    private static void CheckIds(List<string> failures, string key, List<string> ids)
    {
        for (var i = 0; i < ids.Count; i++)
        {
            if (!Guid.TryParse(ids[i], out _))
            {
                // The value is configuration, not a secret: echoing it helps find the typo.
                failures.Add($"{key}:{i} is not a webcast id (a GUID): '{Shorten(ids[i])}'.");
            }
        }
    }

    private static string Shorten(string? value) => value is { Length: > 60 } ? value[..60] + "…" : value ?? string.Empty;
}
