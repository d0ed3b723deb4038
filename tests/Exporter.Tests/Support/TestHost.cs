using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Vbrick.Rev.Simulator;

namespace Vbrick.Exporter.Tests.Support;

/// <summary>The real host (<c>Program</c>) on the test server, pointed at a simulator.</summary>
public static class TestHost
{
    public static WebApplicationFactory<Program> For(RevSimulator simulator, IDictionary<string, string?> settings, Action<IWebHostBuilder>? configure = null) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            foreach (var (key, value) in simulator.ClientSettings().Where(s => !s.Key.StartsWith("Events:", StringComparison.Ordinal)).Concat(settings))
            {
                web.UseSetting(key, value);
            }

            configure?.Invoke(web);
        });
}
