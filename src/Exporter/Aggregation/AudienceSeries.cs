namespace Vbrick.Exporter.Aggregation;

/// <summary>What one completed sweep says about one zone / stream type / browser combination.</summary>
public sealed class AudienceSeries(string zone, string streamType, string browser, List<double> bitrates, List<double> bandwidths)
{
    public AudienceSeries(string zone, string streamType, string browser)
        : this(zone, streamType, browser, [], [])
    {
    }

    public string Zone { get; } = zone;

    public string StreamType { get; } = streamType;

    public string Browser { get; } = browser;

    public long Online { get; internal set; }

    public long Offline { get; internal set; }

    public long UnknownStatus { get; internal set; }

    /// <summary>Online sessions Rev marks as served by its peer mesh (<c>RevConnect</c> true).</summary>
    public long OnlinePeerMesh { get; internal set; }

    /// <summary>Increase of the running totals since the previous sweep (zero in the baseline sweep).</summary>
    public RunningTotals Increase { get; internal set; }

    /// <summary>Bitrate of each online attendee, bytes per second.</summary>
    public List<double> Bitrates { get; } = bitrates;

    /// <summary>Measured bandwidth of each online attendee, bytes per second.</summary>
    public List<double> Bandwidths { get; } = bandwidths;
}
