namespace Vbrick.Exporter.Aggregation;

/// <summary>
/// How a live session's video reaches it, from Rev's <c>StreamType</c>: the one table of
/// docs/design.md ("Delivery"). Rev does not document the value set, so only values whose meaning
/// is plain are mapped; anything else is <see cref="Other"/>, never a guess.
/// </summary>
public enum Delivery
{
    /// <summary>IP multicast inside the network.</summary>
    Multicast,

    /// <summary>One stream per viewer over HTTP (HLS, DASH), from an eCDN cache or the public CDN.</summary>
    Unicast,

    /// <summary>A value the table does not map (WebRTC, a new stream type, none).</summary>
    Other,
}

public static class DeliveryExtensions
{
    public static Delivery OfStreamType(string streamType) => streamType.Trim().ToUpperInvariant() switch
    {
        "MULTICAST" => Delivery.Multicast,
        "HLS" or "DASH" or "UNICAST" => Delivery.Unicast,
        _ => Delivery.Other,
    };

    public static string Label(this Delivery delivery) => delivery switch
    {
        Delivery.Multicast => "multicast",
        Delivery.Unicast => "unicast",
        Delivery.Other => "other",
    };
}
