using Vbrick.Exporter.Aggregation;

namespace Vbrick.Exporter.PostEvent;

/// <summary>The post-event label tables of one event, shared by its runs so the cap is per event.</summary>
public sealed class PostEventLabels(int cap)
{
    public LabelValueTable Zones { get; } = new(cap);

    public LabelValueTable Browsers { get; } = new(cap);

    public LabelValueTable DeviceTypes { get; } = new(cap);

    public LabelValueTable StreamAccessed { get; } = new(cap);
}
