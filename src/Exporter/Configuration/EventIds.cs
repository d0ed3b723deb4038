namespace Vbrick.Exporter.Configuration;

/// <summary>
/// One spelling per webcast id: Rev and users write GUIDs in either case and with or without
/// braces, and the same webcast must be one event, one shard and one set of series.
/// </summary>
public static class EventIds
{
    /// <summary>The id as a lower-case hyphenated GUID; anything that is not a GUID trimmed and lower-cased.</summary>
    public static string Canonical(string id) => Guid.TryParse(id, out var guid) ? guid.ToString("D") : id.Trim().ToLowerInvariant();
}
