using Microsoft.Extensions.Options;

namespace Vbrick.Exporter.Hosting;

/// <summary>
/// The configuration problems an exception stands for, one line each, or null when it is not a
/// configuration error. Start-up validation throws one <see cref="OptionsValidationException"/>,
/// or an <see cref="AggregateException"/> of several that can repeat the same failures.
/// </summary>
internal static class ConfigurationErrors
{
    public static IReadOnlyList<string>? Of(Exception exception)
    {
        switch (exception)
        {
            case OptionsValidationException validation:
                return [.. validation.Failures.Select(WithoutMemberPrefix).Distinct(StringComparer.Ordinal)];
            case AggregateException aggregate when aggregate.Flatten().InnerExceptions.All(e => Of(e) is not null):
                return [.. aggregate.Flatten().InnerExceptions.SelectMany(e => Of(e)!).Distinct(StringComparer.Ordinal)];
            case Web.WebConfigException:
                return [$"{Web.WebConfigHosting.ConfigKey} (--web.config.file): the file {exception.Message}."];
            case InvalidOperationException when exception.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal):
                // A value of the wrong type (e.g. Polling:Interval=banana); the message names the key.
                return [exception.Message];
            default:
                return null;
        }
    }

    /// <summary>
    /// The generated validators put the member before each message ("Interval: Polling:Interval must
    /// be ..."); the message already names the key as the operator writes it.
    /// </summary>
    private static string WithoutMemberPrefix(string failure) =>
        System.Text.RegularExpressions.Regex.Replace(failure, @"^[A-Za-z.]+: (?=[A-Z][A-Za-z]*:[A-Z])", string.Empty);

    public static async Task<int> ReportAsync(IReadOnlyList<string> failures, TextWriter error)
    {
        foreach (var failure in failures)
        {
            await error.WriteLineAsync("Configuration error: " + failure);
        }

        return 2;
    }
}
