using Prometheus;

namespace Vbrick.Exporter.Tests.Support;

/// <summary>A registry rendered as /metrics would render it, for tests that build the instruments themselves.</summary>
internal static class RegistryText
{
    public static async Task<string> ScrapeAsync(CollectorRegistry registry)
    {
        using var stream = new MemoryStream();
        await registry.CollectAndExportAsTextAsync(stream, TestContext.Current.CancellationToken);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }
}
