namespace Vbrick.Exporter.Aggregation;

public enum SessionStatus
{
    Unknown,
    Online,
    Offline,
}
