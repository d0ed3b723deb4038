namespace Vbrick.Exporter.Rev;

/// <summary>The attendee fields a head count is taken by: each is both a <c>searchField</c> and a <c>sortField</c> in Rev's API.</summary>
public enum SearchField
{
    ZoneName,
    StreamType,
    Browser,
}
