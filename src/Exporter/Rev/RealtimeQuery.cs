namespace Vbrick.Exporter.Rev;

/// <summary>
/// One real-time attendee request as the exporter means it: the next page of a scroll, or a first
/// page, unfiltered (sorted by FullName, so every fresh scroll starts with the same sessions) or a
/// search for one value of one field, sorted by that field so equal values arrive together.
/// </summary>
public sealed record RealtimeQuery(string? ScrollId, SearchField? Field = null, string? Value = null, bool OnlineOnly = false, bool Descending = false)
{
    public static readonly RealtimeQuery FirstPage = new((string?)null);

    public static RealtimeQuery Continue(string scrollId) => new(scrollId);

    /// <summary>Sessions whose <paramref name="field"/> matches <paramref name="value"/> (Rev's raw value, never a cleaned label).</summary>
    public static RealtimeQuery Search(SearchField field, string value, bool onlineOnly, bool descending) => new(null, field, value, onlineOnly, descending);

    public bool IsSearch => Field is not null;
}
