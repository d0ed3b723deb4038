namespace Vbrick.Exporter.Telemetry;

/// <summary>UCUM units for OTLP, read from the Prometheus name's unit suffix, so the two never disagree.</summary>
public static class OtlpUnits
{
    public static string For(string prometheusName)
    {
        var name = prometheusName.EndsWith("_total", StringComparison.Ordinal) ? prometheusName[..^"_total".Length] : prometheusName;
        return name switch
        {
            _ when name.EndsWith("_bytes_per_second", StringComparison.Ordinal) => "By/s",
            _ when name.EndsWith("_seconds", StringComparison.Ordinal) => "s",
            _ when name.EndsWith("_bytes", StringComparison.Ordinal) => "By",
            _ when name.EndsWith("_ratio", StringComparison.Ordinal) => "1",
            _ when name.EndsWith("_per_minute", StringComparison.Ordinal) => "{request}/min",
            _ => string.Empty,
        };
    }
}
