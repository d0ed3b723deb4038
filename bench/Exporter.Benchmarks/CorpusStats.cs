using System.Text.Json;

namespace Vbrick.Exporter.Benchmarks;

/// <summary>What the parse benchmark's corpus holds, to turn its timings into attendees per second.</summary>
public sealed class CorpusStats(List<byte[]> pages)
{
    public int Pages { get; } = pages.Count;

    public long Bytes { get; } = pages.Sum(p => (long)p.Length);

    public int Attendees { get; } = pages.Sum(p => JsonDocument.Parse(p).RootElement.GetProperty("attendees").GetArrayLength());

    public override string ToString() => $"{Pages} pages, {Attendees} attendees, {Bytes} bytes ({Bytes / Attendees} bytes per attendee)";
}
