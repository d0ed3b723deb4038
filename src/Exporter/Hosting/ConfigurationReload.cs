using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Vbrick.Exporter.Metrics;
using Vbrick.Exporter.Polling;

namespace Vbrick.Exporter.Hosting;

/// <summary>
/// Applies a changed configuration without a restart, from a settings file that changed on disk or
/// from <c>POST /-/reload</c>: <c>Events:Ids</c> and <c>Events:PostEventIds</c> change live (every
/// other event keeps its series and running totals); any other key of the exporter's sections that
/// differs from the running configuration is named in the log as waiting for a restart. An invalid
/// reload is refused whole and the running configuration kept.
/// </summary>
internal sealed partial class ConfigurationReload(
    IConfiguration configuration,
    IEnumerable<IValidateOptions<EventsOptions>> validators,
    WatchedEventRegistry registry,
    ExporterMetrics metrics,
    ILogger<ConfigurationReload> logger) : IHostedService, IDisposable
{
    private static readonly string[] LiveKeys = ["Events:Ids", "Events:PostEventIds"];

    private Dictionary<string, string?> _running = [];
    private IDisposable? _subscription;
    private int _reloading;

    /// <summary>What the last reload did, one line each; null before any.</summary>
    public (bool Applied, IReadOnlyList<string> Lines)? Last { get; private set; }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _running = Snapshot();
        _subscription = ChangeToken.OnChange(configuration.GetReloadToken, () =>
        {
            if (Volatile.Read(ref _reloading) == 0)
            {
                Apply();
            }
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => _subscription?.Dispose();

    /// <summary>Reads every configuration source again (what <c>POST /-/reload</c> does) and returns the outcome.</summary>
    public (bool Applied, IReadOnlyList<string> Lines) Reload()
    {
        if (configuration is not IConfigurationRoot root)
        {
            return (false, ["this host's configuration cannot be reloaded"]);
        }

        // Every provider that loads raises the change token on its own: apply once, after all.
        Interlocked.Exchange(ref _reloading, 1);
        try
        {
            root.Reload();
        }
        finally
        {
            Interlocked.Exchange(ref _reloading, 0);
        }

        Apply();
        return Last!.Value;
    }

    private void Apply()
    {
        try
        {
            ApplyOrThrow();
        }
        catch (Exception ex)
        {
            // Runs on the file watcher's thread too, where an exception would end the process.
            Log.Failed(logger, ex);
            metrics.Service.CountReload(applied: false);
            Last = (false, ["the reload failed; see the log"]);
        }
    }

    private void ApplyOrThrow()
    {
        var lines = new List<string>();
        EventsOptions fresh;
        try
        {
            fresh = new EventsOptions();
            configuration.GetSection(EventsOptions.SectionName).Bind(fresh);
            lines.AddRange(validators.Select(v => v.Validate(Options.DefaultName, fresh)).Where(r => r.Failed).SelectMany(r => r.Failures ?? []));
        }
        catch (Exception ex) when (ConfigurationErrors.Of(ex) is { } failures)
        {
            lines.AddRange(failures);
            fresh = new EventsOptions();
        }

        if (lines.Count > 0)
        {
            foreach (var line in lines)
            {
                Log.Refused(logger, line);
            }

            metrics.Service.CountReload(applied: false);
            Last = (false, lines);
            return;
        }

        registry.Reloaded(fresh);
        lines.Add($"Events:Ids has {fresh.Ids.Count} and Events:PostEventIds {fresh.PostEventIds.Count} events; the polling loop applies them at once");
        var now = Snapshot();
        foreach (var key in now.Keys.Union(_running.Keys, StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal)
            .Where(k => !string.Equals(now.GetValueOrDefault(k), _running.GetValueOrDefault(k), StringComparison.Ordinal)))
        {
            // The key only: a value may be a secret.
            Log.NeedsRestart(logger, key);
            lines.Add($"{key} changed; it takes effect at the next restart");
        }

        foreach (var unknown in UnknownSettings.Find(configuration))
        {
            Log.Unknown(logger, unknown.ToString());
        }

        metrics.Service.CountReload(applied: true);
        Last = (true, lines);
        Log.Applied(logger, fresh.Ids.Count, fresh.PostEventIds.Count);
    }

    /// <summary>Every leaf of the exporter's sections but the keys that change live.</summary>
    private Dictionary<string, string?> Snapshot()
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (section, _) in OptionsCatalog.Sections)
        {
            foreach (var (key, value) in configuration.GetSection(section).AsEnumerable())
            {
                if (value is not null && !LiveKeys.Any(live => key.StartsWith(live + ":", StringComparison.OrdinalIgnoreCase) || key.Equals(live, StringComparison.OrdinalIgnoreCase)))
                {
                    values[key] = value;
                }
            }
        }

        return values;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 20, Level = LogLevel.Information, Message = "Configuration reloaded: {Ids} configured and {PostEventIds} post-event ids")]
        public static partial void Applied(ILogger logger, int ids, int postEventIds);

        [LoggerMessage(EventId = 21, Level = LogLevel.Error, Message = "Configuration reload refused, the running configuration is kept: {Failure}")]
        public static partial void Refused(ILogger logger, string failure);

        [LoggerMessage(EventId = 22, Level = LogLevel.Warning, Message = "Configuration reloaded: {Key} changed; it takes effect at the next restart")]
        public static partial void NeedsRestart(ILogger logger, string key);

        [LoggerMessage(EventId = 24, Level = LogLevel.Error, Message = "Configuration reload failed; the running configuration is kept")]
        public static partial void Failed(ILogger logger, Exception exception);

        [LoggerMessage(EventId = 23, Level = LogLevel.Warning, Message = "Configuration reloaded: {Finding}")]
        public static partial void Unknown(ILogger logger, string finding);
    }
}
