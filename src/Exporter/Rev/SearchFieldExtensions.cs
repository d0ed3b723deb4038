namespace Vbrick.Exporter.Rev;

public static class SearchFieldExtensions
{
    /// <summary>Rev's name of the field, as <c>searchField</c> and <c>sortField</c> take it.</summary>
    public static string RevName(this SearchField field) => field switch
    {
        SearchField.ZoneName => "ZoneName",
        SearchField.StreamType => "StreamType",
        SearchField.Browser => "Browser",
    };

    /// <summary>The metric label the field's values go to (and the <c>dimension</c> label value).</summary>
    public static string Label(this SearchField field) => field switch
    {
        SearchField.ZoneName => "zone",
        SearchField.StreamType => "stream_type",
        SearchField.Browser => "browser",
    };

    /// <summary>The field's value in one record (the span the reader decoded).</summary>
    public static ReadOnlySpan<char> ValueIn(this SearchField field, in AttendeeRecord record) => field switch
    {
        SearchField.ZoneName => record.Zone,
        SearchField.StreamType => record.StreamType,
        SearchField.Browser => record.Browser,
    };
}
