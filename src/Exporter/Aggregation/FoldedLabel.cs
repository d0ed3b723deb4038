namespace Vbrick.Exporter.Aggregation;

/// <summary>Which label a record's value was folded into <c>other</c> on: the <c>label</c> of <c>vbrick_webcast_label_values_folded_total</c>.</summary>
public enum FoldedLabel
{
    Zone,
    StreamType,
    Browser,

    /// <summary>The (zone, stream type, browser) combination, past the per-event cap of combinations.</summary>
    Combination,
}

public static class FoldedLabelLabels
{
    public static string Label(this FoldedLabel label) => label switch
    {
        FoldedLabel.Zone => "zone",
        FoldedLabel.StreamType => "stream_type",
        FoldedLabel.Browser => "browser",
        FoldedLabel.Combination => "combination",
    };
}
