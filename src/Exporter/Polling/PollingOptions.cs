using Microsoft.Extensions.Options;
using Vbrick.Exporter.Configuration;

namespace Vbrick.Exporter.Polling;

/// <summary>Polling cadence and freshness (section <c>Polling</c>).</summary>
public sealed class PollingOptions
{
    public const string SectionName = "Polling";

    /// <summary>Shortest gap between the starts of two sweeps (first pages) of one event.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gap between two status checks (<c>GET .../status</c>) of one event.</summary>
    public TimeSpan StatusInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Oldest the event-wide figures of a live event may get. Effective bound: the larger of this and
    /// (live events + 1) request slots, since each live event needs one request per bound.
    /// </summary>
    public TimeSpan MaxFiguresAge { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Window of the zone quality signal: sessions read twice within it count toward the ratio.</summary>
    public TimeSpan QualityWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Gap between two samples (fresh first pages) of a sampled event; spare slots sample more often.</summary>
    public TimeSpan SampleInterval { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// An event whose sweep needs more pages than this is sampled between sweeps. Unset: as many pages
    /// as let a sweep read every session twice within the quality window at the real-time rate.
    /// </summary>
    public int? SampleAbovePages { get; set; }

    /// <summary>
    /// Shortest gap between two full sweeps of a sampled event (the start of one after the end of the
    /// last): a sweep of a sampled event monopolises the budget while it runs, so its zone samples pause.
    /// </summary>
    public TimeSpan SampledSweepInterval { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// Longest a sampled event's full sweep may hold every request slot (its pages back to back, no
    /// other request fitting between them); longer sweeps are not started and the event stays on samples.
    /// </summary>
    public TimeSpan MaxSampledSweep { get; set; } = TimeSpan.FromMinutes(15);
}

internal sealed class PollingOptionsValidator : IValidateOptions<PollingOptions>
{
    private static readonly TimeSpan Shortest = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Longest = TimeSpan.FromDays(1);

    public ValidateOptionsResult Validate(string? name, PollingOptions options)
    {
        var failures = new OptionFailures();
        failures.Range("Polling:Interval", options.Interval, Shortest, Longest);
        failures.Range("Polling:StatusInterval", options.StatusInterval, Shortest, Longest);
        failures.Range("Polling:MaxFiguresAge", options.MaxFiguresAge, Shortest, Longest);
        failures.Range("Polling:QualityWindow", options.QualityWindow, Shortest, Longest);
        failures.Range("Polling:SampleInterval", options.SampleInterval, Shortest, Longest);
        failures.Range("Polling:SampledSweepInterval", options.SampledSweepInterval, Shortest, Longest);

        // Zero is allowed: a sampled event is then never swept back to back.
        failures.Range("Polling:MaxSampledSweep", options.MaxSampledSweep, TimeSpan.Zero, Longest);
        if (options.SampleInterval >= options.QualityWindow)
        {
            failures.Add($"Polling:SampleInterval ({options.SampleInterval}) must be shorter than Polling:QualityWindow ({options.QualityWindow}): a sample must read each session twice within the window.");
        }

        if (options.SampleAbovePages is { } pages)
        {
            failures.Range("Polling:SampleAbovePages", pages, 1, 100_000);
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
