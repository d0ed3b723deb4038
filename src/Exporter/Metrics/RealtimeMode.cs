namespace Vbrick.Exporter.Metrics;

/// <summary>How an event's attendees are read, chosen per event size (the <c>mode</c> label).</summary>
public enum RealtimeMode
{
    /// <summary>Full sweeps only: each reads every session often enough for the quality window.</summary>
    Full,

    /// <summary>Too large for that: a stable first page is re-read often, full sweeps run where they fit.</summary>
    Sampled,
}

public static class RealtimeModeExtensions
{
    /// <summary>The <c>mode</c> label value.</summary>
    public static string Label(this RealtimeMode mode) => mode == RealtimeMode.Sampled ? "sampled" : "full";
}
