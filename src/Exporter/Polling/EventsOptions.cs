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
    public TimeSpan DiscoverInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How far ahead discovery looks for webcasts about to start.</summary>
    public TimeSpan DiscoverLookahead { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Distinct values kept per label per event before the rest fold into <c>other</c>.</summary>
    public int LabelValueCap { get; set; } = 50;

    /// <summary>Discovered events watched at once at most: a tenant listing thousands must not exhaust memory or the budget.</summary>
    public int MaxDiscovered { get; set; } = 100;

    /// <summary>
    /// Sessions whose running totals are kept per event (about 250 bytes each). Sessions beyond it
    /// still count in the attendee gauges but not in the counters, and are counted as
    /// <c>invalid_records{reason="sessions_over_cap"}</c>.
    /// </summary>
    public int MaxSessionsPerEvent { get; set; } = 2_000_000;

    /// <summary>
    /// Zone x stream type x browser combinations per event (each is a set of series); new ones beyond
    /// it fold into other / other / other, counted as <c>label_values_folded_total{label="combination"}</c>.
    /// </summary>
    public int MaxCombinations { get; set; } = 1_000;
}

internal sealed class EventsOptionsValidator : IValidateOptions<EventsOptions>
{
    public ValidateOptionsResult Validate(string? name, EventsOptions options)
    {
        var failures = new OptionFailures();
        CheckIds(failures, "Events:Ids", options.Ids);
        CheckIds(failures, "Events:Exclude", options.Exclude);
        CheckIds(failures, "Events:PostEventIds", options.PostEventIds);
        failures.Range("Events:DiscoverInterval", options.DiscoverInterval, TimeSpan.FromSeconds(10), TimeSpan.FromDays(1));
        failures.Range("Events:DiscoverLookahead", options.DiscoverLookahead, TimeSpan.Zero, TimeSpan.FromDays(7));
        failures.Range("Events:LabelValueCap", options.LabelValueCap, 1, 10_000);
        failures.Range("Events:MaxCombinations", options.MaxCombinations, 1, 125_000);
        failures.Range("Events:MaxSessionsPerEvent", options.MaxSessionsPerEvent, 100, 50_000_000);
        failures.Range("Events:MaxDiscovered", options.MaxDiscovered, 1, 10_000);

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
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
