using System.Globalization;
using Microsoft.Extensions.Options;
using Vbrick.Exporter.Demo;

namespace Vbrick.Exporter.Hosting;

/// <summary>
/// The commands that do not start the exporter: <c>--help</c> (every key, from the options classes),
/// <c>--version</c>, and <c>--check-config</c> (validate the configuration the same sources would
/// give, print it with secrets redacted, exit 0 or 2). <c>--healthcheck</c> is in <see cref="HealthCheckCommand"/>.
/// </summary>
public static class ExporterCommands
{
    public const string Help = "--help";
    public const string Version = "--version";
    public const string CheckConfig = "--check-config";

    /// <summary>The command asked for, if any; the exporter starts only when this is null.</summary>
    public static string? Requested(string[] args) =>
        args.FirstOrDefault(a => a is Help or "-h" or "-?" or Version or "-v" or CheckConfig) switch
        {
            "-h" or "-?" => Help,
            "-v" => Version,
            var other => other,
        };

    public static Task WriteVersionAsync(TextWriter output) =>
        output.WriteLineAsync($"vbrick-exporter {BuildVersion.Version} (commit {BuildVersion.Revision}, {BuildVersion.Runtime})");

    public static async Task WriteHelpAsync(TextWriter output)
    {
        await WriteVersionAsync(output);
        await output.WriteLineAsync("""

            Prometheus / OpenTelemetry exporter for Vbrick Rev webcasts.

            Usage:
              vbrick-exporter [--demo] [--urls http://+:9874] [--Section:Key=value ...]
              vbrick-exporter --check-config [settings]   validate, print the effective configuration, exit 0 or 2
              vbrick-exporter --healthcheck [url]         ask a running exporter's /healthz, exit 0 or 1
              vbrick-exporter --version | -v | --help

            Every key can come from appsettings.json, the environment (Section__Key, e.g. Rev__ApiKey) or
            the command line (--Section:Key=value). Durations are hh:mm:ss. Lists and maps take an index or
            a name: Events:Ids:0=..., Web:BasicAuthUsers:prometheus=<bcrypt hash>.
            Rev:Resilience:* binds the standard resilience pipeline's options by their own names.

            Keys (default in brackets):
            """);
        string? section = null;
        foreach (var key in OptionsCatalog.Keys())
        {
            var current = key.Name.Split(':')[0];
            if (current != section)
            {
                section = current;
                await output.WriteLineAsync();
            }

            var shown = key.Default is { Length: > 0 } d ? $" [{d}]" : string.Empty;
            await output.WriteLineAsync($"  {key.Name}{shown}");
            if (key.Description.Length > 0)
            {
                await output.WriteLineAsync("      " + key.Description);
            }
        }
    }

    /// <summary>
    /// The builder the exporter and <c>--check-config</c> both start from: the command line's
    /// shorthands translated, and the content root beside the binary (so <c>appsettings.json</c> is
    /// found whatever the working directory, as under systemd) unless one is given.
    /// </summary>
    public static WebApplicationBuilder CreateBuilder(string[] args, string? environment = null)
    {
        var translated = Web.WebConfigHosting.TranslateArguments(Demo.DemoMode.TranslateArguments([.. args.Where(a => a != CheckConfig)]));
        var rootGiven = translated.Any(a => a.Contains("contentRoot", StringComparison.OrdinalIgnoreCase))
            || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("ASPNETCORE_CONTENTROOT"))
            || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DOTNET_CONTENTROOT"));
        return WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = translated,
            ContentRootPath = rootGiven ? null : AppContext.BaseDirectory,
            EnvironmentName = environment,
        });
    }

    /// <summary>
    /// Validates the configuration the same sources give, as start-up would, without binding or
    /// starting anything (the demo's simulator included); prints the effective values, secrets
    /// redacted. Every problem is one line; unknown keys in the exporter's sections are errors here.
    /// </summary>
    public static async Task<int> CheckConfigAsync(string[] args, TextWriter output, TextWriter error, string? environment = null)
    {
        var builder = CreateBuilder(args, environment);
        builder.Logging.ClearProviders();
        builder.AddDemoPlaceholderSettings();
        var failures = UnknownSettings.Find(builder.Configuration).Select(f => f.ToString()).ToList();
        try
        {
            builder.AddExporter();
        }
        catch (Exception ex) when (ConfigurationErrors.Of(ex) is { } found)
        {
            return await ConfigurationErrors.ReportAsync([.. failures, .. found], error);
        }

        await using var app = builder.Build();
        try
        {
            app.Services.GetRequiredService<IStartupValidator>().Validate();
        }
        catch (Exception ex) when (ConfigurationErrors.Of(ex) is { } found)
        {
            failures.AddRange(found);
        }

        if (failures.Count > 0)
        {
            return await ConfigurationErrors.ReportAsync(failures, error);
        }

        await output.WriteLineAsync("Configuration is valid. Effective settings (secrets redacted):");
        var urls = app.Configuration[WebHostDefaults.ServerUrlsKey];
        await output.WriteLineAsync($"  urls = {urls}");
        foreach (var (section, type) in OptionsCatalog.Sections)
        {
            var optionsType = typeof(IOptions<>).MakeGenericType(type);
            var bound = optionsType.GetProperty(nameof(IOptions<object>.Value))!.GetValue(app.Services.GetRequiredService(optionsType))!;
            foreach (var (key, value) in OptionsCatalog.Values(section, bound))
            {
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  {key} = {value}"));
            }
        }

        return 0;
    }
}
