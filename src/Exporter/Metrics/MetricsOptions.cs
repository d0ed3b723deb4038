using Vbrick.Exporter.Configuration;

namespace Vbrick.Exporter.Metrics;

/// <summary>Which metric families are served (section <c>Metrics</c>).</summary>
public sealed class MetricsOptions
{
    public const string SectionName = "Metrics";

    /// <summary>The word in <see cref="Exclude"/> that stands for every histogram family.</summary>
    public const string Histograms = "histograms";

    /// <summary>
    /// Families left out of <c>/metrics</c> and OTLP: full names (<c>vbrick_webcast_attendee_bandwidth_bytes_per_second</c>)
    /// or <c>histograms</c> for all of them (about 80% of the samples). Their figures are still
    /// computed; they are only not served.
    /// </summary>
    public List<string> Exclude { get; set; } = [];
}

internal sealed class MetricsOptionsCustomValidator : OptionsRules<MetricsOptions>
{
    protected override void Check(MetricsOptions options, List<string> failures)
    {
        var families = ExporterMetrics.FamilyNames();
        for (var i = 0; i < options.Exclude.Count; i++)
        {
            var entry = options.Exclude[i];
            if (entry == ServiceMetrics.BuildInfoName)
            {
                failures.Add($"Metrics:Exclude:{i} names {entry}, which is always served: it says which exporter answers.");
            }
            else if (entry != MetricsOptions.Histograms && !families.Contains(entry))
            {
                failures.Add($"Metrics:Exclude:{i} ('{entry}') is neither a metric family of this exporter (docs/metrics.md) nor '{MetricsOptions.Histograms}'.");
            }
        }
    }
}
