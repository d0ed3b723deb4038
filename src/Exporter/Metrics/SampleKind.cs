namespace Vbrick.Exporter.Metrics;

/// <summary>What a first page read as a sample was: the stable page, a census page of one zone, stream type or browser, or a probe of Rev's search rule.</summary>
public enum SampleKind
{
    Stable,
    Zone,
    StreamType,
    Browser,
    Probe,
}

public static class SampleKindExtensions
{
    public static string Label(this SampleKind kind) => kind switch
    {
        SampleKind.Stable => "stable",
        SampleKind.Zone => "zone",
        SampleKind.StreamType => "stream_type",
        SampleKind.Browser => "browser",
        SampleKind.Probe => "probe",
    };
}
