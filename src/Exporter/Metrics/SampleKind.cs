namespace Vbrick.Exporter.Metrics;

/// <summary>What a sample read: the stable first page, or the sessions of one zone.</summary>
public enum SampleKind
{
    Stable,
    Zone,
}

public static class SampleKindExtensions
{
    public static string Label(this SampleKind kind) => kind switch
    {
        SampleKind.Stable => "stable",
        SampleKind.Zone => "zone",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
