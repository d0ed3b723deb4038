using Microsoft.Extensions.Options;
using Vbrick.Exporter.Configuration;

namespace Vbrick.Exporter.Polling;

/// <summary>Polling cadence and freshness (section <c>Polling</c>).</summary>
public sealed class PollingOptions
{
    public const string SectionName = "Polling";

    /// <summary>Shortest gap between the starts of two sweeps (first pages) of one event.</summary>
    [Between("00:00:01", "1.00:00:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gap between two status checks (<c>GET .../status</c>) of one event.</summary>
    [Between("00:00:01", "1.00:00:00")]
    public TimeSpan StatusInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long a status that is not live past the event's end date (an encoder hiccup reads
    /// WaitingForStream, a pause InProgress) must persist, over two checks or more, before the event
    /// is taken as ended. An explicit Completed ends it at once.
    /// </summary>
    [Between("00:00:00", "1.00:00:00")]
    public TimeSpan EndGrace { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long the status must answer 404, over two checks or more, before the event is taken as deleted.</summary>
    [Between("00:00:00", "1.00:00:00")]
    public TimeSpan NotFoundGrace { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>
    /// Oldest the event-wide figures of a live event may get. Effective bound: the larger of this and
    /// (live events + 1) request slots, since each live event needs one request per bound.
    /// </summary>
    [Between("00:00:01", "1.00:00:00")]
    public TimeSpan MaxFiguresAge { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Window of the zone quality signal: sessions read twice within it count toward the ratio.</summary>
    [Between("00:00:01", "1.00:00:00")]
    public TimeSpan QualityWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Gap between two samples (fresh first pages) of a sampled event; spare slots sample more often.</summary>
    [Between("00:00:01", "1.00:00:00")]
    public TimeSpan SampleInterval { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Target age of a sampled event's per-zone head counts: each zone's census page (a first page
    /// searching that zone) is due again this long after it last counted the zone.
    /// </summary>
    [Between("00:00:10", "1.00:00:00")]
    public TimeSpan ZoneCensusInterval { get; set; } = TimeSpan.FromMinutes(8);

    /// <summary>Target age of a sampled event's head counts by stream type and by browser (they change slowly).</summary>
    [Between("00:00:10", "1.00:00:00")]
    public TimeSpan DimensionCensusInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// An event whose sweep needs more pages than this is sampled between sweeps. Unset: as many pages
    /// as let a sweep read every session twice within the quality window at the real-time rate.
    /// </summary>
    [Between("1", "100000")]
    public int? SampleAbovePages { get; set; }

    /// <summary>
    /// Shortest gap between two full sweeps of a sampled event (the start of one after the end of the
    /// last): a sweep of a sampled event monopolises the budget while it runs, so its zone samples pause.
    /// </summary>
    [Between("00:00:01", "1.00:00:00")]
    public TimeSpan SampledSweepInterval { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// Longest a sampled event's full sweep that outlasts the quality window may last (its pages back
    /// to back, no other request fitting between them); longer sweeps are not started and the event
    /// stays on samples and census. Zero (the default): no such sweep, since every head count would
    /// age by its length.
    /// </summary>
    [Between("00:00:00", "1.00:00:00")]
    public TimeSpan MaxSampledSweep { get; set; } = TimeSpan.Zero;
}

/// <summary>The annotations' rules, generated at compile time.</summary>
[OptionsValidator]
internal sealed partial class PollingOptionsValidator : IValidateOptions<PollingOptions>;

/// <summary>Rules across fields.</summary>
internal sealed class PollingOptionsCustomValidator : OptionsRules<PollingOptions>
{
    protected override void Check(PollingOptions options, List<string> failures)
    {
        if (options.SampleInterval >= options.QualityWindow)
        {
            failures.Add($"Polling:SampleInterval ({options.SampleInterval}) must be shorter than Polling:QualityWindow ({options.QualityWindow}): a sample must read each session twice within the window.");
        }
    }
}
