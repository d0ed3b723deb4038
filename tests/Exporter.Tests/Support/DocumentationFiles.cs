namespace Vbrick.Exporter.Tests.Support;

/// <summary>Where the reference tables the tests hold the code to live.</summary>
internal static class DocumentationFiles
{
    /// <summary>The table of every configuration key.</summary>
    public const string ConfigurationFile = "docs/configuration.md";

    /// <summary>The table of every metric.</summary>
    public const string MetricsFile = "docs/metrics.md";
}
