using Microsoft.Extensions.Options;
using Vbrick.Exporter.Configuration;

namespace Vbrick.Exporter.PostEvent;

/// <summary>What happens after a webcast ends (section <c>PostEvent</c>).</summary>
public sealed class PostEventOptions
{
    public const string SectionName = "PostEvent";

    /// <summary>Wait after the exporter first sees an event ended before fetching its reports: Rev needs time to finish them.</summary>
    [Between("00:00:00", "1.00:00:00")]
    public TimeSpan SettleDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long an event's series stay on <c>/metrics</c> after its summary arrived.</summary>
    [Between("00:01:00", "90.00:00:00")]
    public TimeSpan Retention { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// Reads the summary once more this long after the first (Rev may still be assembling the report
    /// minutes after the end); counters follow Rev's larger figures, never down. Zero: never, and
    /// never when the retention is shorter.
    /// </summary>
    [Between("00:00:00", "90.00:00:00")]
    public TimeSpan RefreshAfter { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Also fetch the attendee reports of pre-production runs (label <c>run="pre_production_N"</c>).</summary>
    public bool IncludePreProduction { get; set; }

    /// <summary>Pre-production runs tried at most (the first empty run ends the search).</summary>
    [Between("1", "100")]
    public int MaxPreProductionRuns { get; set; } = 5;

    /// <summary>Polls published per event (each is a label value); the rest are counted as dropped.</summary>
    [Between("1", "1000")]
    public int MaxPolls { get; set; } = 100;

    /// <summary>Answers published per poll (each is a series); the rest are counted as dropped.</summary>
    [Between("1", "1000")]
    public int MaxAnswersPerPoll { get; set; } = 50;
}

/// <summary>The annotations' rules, generated at compile time.</summary>
[OptionsValidator]
internal sealed partial class PostEventOptionsValidator : IValidateOptions<PostEventOptions>;
