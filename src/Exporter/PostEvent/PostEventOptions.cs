using Microsoft.Extensions.Options;
using Vbrick.Exporter.Configuration;

namespace Vbrick.Exporter.PostEvent;

/// <summary>What happens after a webcast ends (section <c>PostEvent</c>).</summary>
public sealed class PostEventOptions
{
    public const string SectionName = "PostEvent";

    /// <summary>Wait after the exporter first sees an event ended before fetching its reports: Rev needs time to finish them.</summary>
    public TimeSpan SettleDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long an event's series stay on <c>/metrics</c> after its summary arrived.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Also fetch the attendee reports of pre-production runs (label <c>run="pre_production_N"</c>).</summary>
    public bool IncludePreProduction { get; set; }

    /// <summary>Pre-production runs tried at most (the first empty run ends the search).</summary>
    public int MaxPreProductionRuns { get; set; } = 5;

    /// <summary>Polls published per event (each is a label value); the rest are counted as dropped.</summary>
    public int MaxPolls { get; set; } = 100;

    /// <summary>Answers published per poll (each is a series); the rest are counted as dropped.</summary>
    public int MaxAnswersPerPoll { get; set; } = 50;
}

internal sealed class PostEventOptionsValidator : IValidateOptions<PostEventOptions>
{
    public ValidateOptionsResult Validate(string? name, PostEventOptions options)
    {
        var failures = new OptionFailures();
        failures.Range("PostEvent:SettleDelay", options.SettleDelay, TimeSpan.Zero, TimeSpan.FromDays(1));
        failures.Range("PostEvent:Retention", options.Retention, TimeSpan.FromMinutes(1), TimeSpan.FromDays(90));
        failures.Range("PostEvent:MaxPreProductionRuns", options.MaxPreProductionRuns, 1, 100);
        failures.Range("PostEvent:MaxPolls", options.MaxPolls, 1, 1_000);
        failures.Range("PostEvent:MaxAnswersPerPoll", options.MaxAnswersPerPoll, 1, 1_000);

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
