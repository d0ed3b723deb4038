namespace Vbrick.Exporter.Tests.Support;

/// <summary>Where the reference tables the tests hold the code to live.</summary>
internal static class Documentation
{
    /// <summary>The table of every configuration key.</summary>
    public const string ConfigurationFile = "README.md";

    /// <summary>The table of every metric.</summary>
    public const string MetricsFile = "README.md";
}
