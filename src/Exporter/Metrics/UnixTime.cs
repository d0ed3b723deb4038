namespace Vbrick.Exporter.Metrics;

/// <summary>Timestamps as Prometheus and the dashboards take them: Unix seconds, with milliseconds.</summary>
internal static class UnixTime
{
    public static double Seconds(DateTimeOffset at) => at.ToUnixTimeMilliseconds() / 1000.0;
}
