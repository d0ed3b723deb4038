using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using Vbrick.Exporter.Budget;
using Vbrick.Exporter.Configuration;
using Vbrick.Exporter.Metrics;
using Vbrick.Exporter.Polling;
using Vbrick.Exporter.Rev;
using Vbrick.Exporter.Sharding;
using Vbrick.Exporter.Telemetry;
using Vbrick.Exporter.Web;

namespace Vbrick.Exporter.Hosting;

public static class ExporterHostExtensions
{
    /// <summary>Default listen address when none is configured with <c>--urls</c>.</summary>
    public const int DefaultPort = 9874;

    private const string HostLogCategory = "Microsoft.Extensions.Hosting.Internal.Host";

    /// <summary>Adds everything the exporter needs: metrics, Rev client and polling.</summary>
    public static WebApplicationBuilder AddExporter(this WebApplicationBuilder builder)
    {
        if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
        {
            builder.WebHost.UseSetting(WebHostDefaults.ServerUrlsKey, $"http://+:{DefaultPort}");
        }

        if (ListenAddresses.Problems(builder.Configuration[WebHostDefaults.ServerUrlsKey]) is { Count: > 0 } addressProblems)
        {
            throw new OptionsValidationException(ListenAddresses.Key, typeof(string), addressProblems);
        }

        // The host logs a failed start (a bad setting, a busy port) with its stack trace before
        // RunExporterAsync can say it in one line; every exception it would log there reaches
        // RunExporterAsync, and a background service's fault is still logged as Critical.
        builder.Logging.AddFilter(HostLogCategory, LogLevel.Critical);
        builder.Services.AddSingleton(UnknownSettings.Find(builder.Configuration));

        builder.UseWebConfigFile();
        AddLogTimestamps(builder.Services);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddExporterCore(builder.Configuration);
        builder.Services.AddOptions<WebOptions>().Bind(builder.Configuration.GetSection(WebOptions.SectionName)).ValidatedBy<WebOptions, WebOptionsValidator>().WithRules<WebOptions, WebOptionsCustomValidator>();
        builder.Services.AddSingleton<CredentialCheck>();
        builder.Services.AddOptions<Demo.DemoOptions>().Bind(builder.Configuration.GetSection(Demo.DemoOptions.SectionName));
        builder.Services.AddHostedService<StartupReport>();
        builder.Services.AddSingleton<ConfigurationReload>();
        // The exporter reads its options once (IOptions); a changed file reaches it through
        // ConfigurationReload, which validates before applying. Left in place, each options
        // monitor would rebuild and validate on the file watcher's thread, and an invalid edit
        // would throw there and end the process.
        foreach (var (_, type) in OptionsCatalog.Sections)
        {
            builder.Services.RemoveAll(typeof(Microsoft.Extensions.Options.IOptionsChangeTokenSource<>).MakeGenericType(type));
        }

        builder.Services.AddHostedService(provider => provider.GetRequiredService<ConfigurationReload>());
        return builder;
    }

    /// <summary>
    /// Every log entry, text or JSON, starts with its UTC time to the millisecond unless
    /// <c>Logging:Console:FormatterOptions:TimestampFormat</c> says otherwise: a container's log
    /// collector may not stamp lines, and a line without a time cannot be set against a scrape.
    /// Set in code, not in appsettings.json, so it holds whatever the working directory.
    /// </summary>
    private static void AddLogTimestamps(IServiceCollection services)
    {
        const string Iso8601 = "yyyy-MM-ddTHH:mm:ss.fffZ ";
        // Without a formatter name the console logger copies its obsolete options over the
        // formatter's, and these would be lost: name the default one.
        services.PostConfigure<ConsoleLoggerOptions>(o => o.FormatterName ??= ConsoleFormatterNames.Simple);
        services.PostConfigure<SimpleConsoleFormatterOptions>(o => Stamp(o, Iso8601));
        services.PostConfigure<JsonConsoleFormatterOptions>(o => Stamp(o, Iso8601.TrimEnd()));

        static void Stamp(ConsoleFormatterOptions options, string format)
        {
            if (options.TimestampFormat is null)
            {
                options.TimestampFormat = format;
                options.UseUtcTimestamp = true;
            }
        }
    }

    /// <summary>
    /// The exporter without its web host: metrics, the Rev client and polling. Tests and benchmarks
    /// use it to drive the real services on their own clock.
    /// </summary>
    public static IServiceCollection AddExporterCore(this IServiceCollection services, IConfiguration configuration) =>
        services.AddExporterMetrics(configuration).AddSharding(configuration).AddBudgets(configuration).AddOtlpExport(configuration).AddRevClient(configuration).AddPolling(configuration);

    // HEAD is answered wherever GET is (RFC 9110 9.3.2): uptime checkers and load balancers send it,
    // and a 405 reads as the endpoint being down. Kestrel sends no body for HEAD.
    private static readonly string[] GetAndHead = [HttpMethods.Get, HttpMethods.Head];

    /// <summary>Maps <c>/metrics</c>, <c>/healthz</c> and <c>/readyz</c>, behind basic authentication when configured.</summary>
    public static WebApplication MapExporterEndpoints(this WebApplication app)
    {
        app.UseWebConfigHeaders();
        app.UseMiddleware<ConcurrencyGate>();
        app.UseMiddleware<BasicAuthenticationMiddleware>();
        app.MapMethods("/metrics", GetAndHead, (HttpContext context, ExporterMetrics metrics) => MetricsEndpoint.WriteAsync(context, metrics));
        app.MapMethods("/", GetAndHead, async (HttpContext context, ExporterMetrics metrics, TimeProvider time) =>
        {
            var snapshot = await StatusSnapshot.CaptureAsync(metrics, context.RequestAborted);
            // Server-rendered, no script, no external resource: the strictest policy that still
            // lets the page's own inline style apply.
            context.Response.Headers.XContentTypeOptions = "nosniff";
            context.Response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
            context.Response.Headers["Referrer-Policy"] = "no-referrer";
            return Results.Content(StatusPage.Render(snapshot, time.GetUtcNow()), "text/html; charset=utf-8");
        });
        // Prometheus' own lifecycle path; behind the same authentication as /metrics.
        app.MapPost("/-/reload", (ConfigurationReload reload) =>
        {
            var (applied, lines) = reload.Reload();
            var text = (applied ? "reloaded\n" : "reload refused, the running configuration is kept\n") + string.Concat(lines.Select(l => l + "\n"));
            return Results.Text(text, statusCode: applied ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest);
        });
        app.MapMethods("/healthz", GetAndHead, () => Results.Text("ok\n"));
        app.MapMethods("/readyz", GetAndHead, (ReadinessState readiness) => readiness.NotReadyReason is { } reason
            ? Results.Text($"not ready: {reason}\n", statusCode: StatusCodes.Status503ServiceUnavailable)
            : Results.Text("ready\n"));
        return app;
    }

    /// <summary>Runs the host; bad configuration ends it with one clear line per problem and exit code 2.</summary>
    public static async Task<int> RunExporterAsync(this WebApplication app)
    {
        // Read before running: a host that failed to start is disposed, configuration included.
        var certificate = app.Configuration["Kestrel:Certificates:Default:Path"];
        try
        {
            await app.RunAsync();
            return 0;
        }
        catch (Exception ex) when (ConfigurationErrors.Of(ex) is { } failures)
        {
            return await ConfigurationErrors.ReportAsync(failures, Console.Error);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException or System.Security.Cryptography.CryptographicException
            && !string.IsNullOrEmpty(certificate))
        {
            // A TLS certificate that is missing or unreadable is a configuration error like any other.
            await Console.Error.WriteLineAsync($"Configuration error: Kestrel:Certificates:Default:Path ({certificate}) or its KeyPath cannot be read as a certificate ({ex.GetType().Name}).");
            return 2;
        }
        catch (IOException ex) when (ex.Message.StartsWith("Failed to bind to address", StringComparison.Ordinal))
        {
            // Kestrel's message names the address and the reason ("address already in use",
            // "permission denied"): restarting cannot fix either, hence 2, which systemd's unit
            // does not restart on.
            await Console.Error.WriteLineAsync($"Configuration error: {ListenAddresses.Key} (--urls): {ex.Message.TrimEnd('.')}; choose another port or stop what holds it.");
            return 2;
        }
        catch (InvalidOperationException ex) when (ex.Message.Contains("certificate", StringComparison.OrdinalIgnoreCase))
        {
            // An https address with no certificate configured at all.
            await Console.Error.WriteLineAsync($"Configuration error: {ListenAddresses.Key} (--urls) asks for https, and Kestrel has no usable certificate: set Kestrel:Certificates:Default:Path and KeyPath (SECURITY.md).");
            return 2;
        }
        catch (Exception ex)
        {
            // Not a configuration problem: a fault of the exporter, said with its stack trace
            // (the host's own log of it is filtered out above) and exit 1.
            await Console.Error.WriteLineAsync($"The exporter failed to start: {ex}");
            return 1;
        }
    }
}
