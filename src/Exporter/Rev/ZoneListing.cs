namespace Vbrick.Exporter.Rev;

/// <summary>A zone of the account's zone list: its name and whether it supports multicast (null when Rev did not say).</summary>
public sealed record ZoneListing(string Name, bool? SupportsMulticast);
