namespace Vbrick.Exporter.PostEvent;

/// <summary>
/// One zone / browser / device type / stream accessed combination of a run's report. A figure is null
/// when no session of the report carried that field: the series is then not published at all.
/// </summary>
public sealed class PostEventSeries(string zone, string browser, string deviceType, string streamAccessed)
{
    internal readonly HashSet<ulong> ViewerKeys = [];

    public string Zone { get; } = zone;

    public string Browser { get; } = browser;

    public string DeviceType { get; } = deviceType;

    /// <summary>Rev's post-event <c>streamAccessed</c>: not the live <c>StreamType</c>, so a label of its own.</summary>
    public string StreamAccessed { get; } = streamAccessed;

    public long Sessions { get; internal set; }

    /// <summary>Distinct viewers; a session with no username, email or name counts as one of its own.</summary>
    public long Viewers => ViewerKeys.Count + AnonymousSessions;

    internal long AnonymousSessions { get; set; }

    public double? ViewingSeconds { get; internal set; }

    public double? SessionSeconds { get; internal set; }

    /// <summary>Viewing served inside the network (Rev's <c>eCDNTime</c>), summed.</summary>
    public double? ECdnSeconds { get; internal set; }

    /// <summary>Viewing served over the internet (Rev's <c>publicCDNTime</c>), summed.</summary>
    public double? PublicCdnSeconds { get; internal set; }

    public double? ExperiencedErrors { get; internal set; }

    public double? MulticastErrors { get; internal set; }

    public double? BufferEvents { get; internal set; }

    public double? RebufferEvents { get; internal set; }

    public double? RebufferSeconds { get; internal set; }
}
