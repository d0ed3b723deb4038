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
            web.UseSetting("Rev:Url", simulator.BaseAddress.ToString());
            web.UseSetting("Rev:ApiKey", simulator.Options.ApiKey);
            web.UseSetting("Rev:Secret", simulator.Options.Secret);
            web.UseSetting("Rev:AllowInsecureHttp", simulator.BaseAddress.Scheme == "http" ? "true" : "false");
            foreach (var (key, value) in settings)
            {
                web.UseSetting(key, value);
            }

            configure?.Invoke(web);
        });
}
