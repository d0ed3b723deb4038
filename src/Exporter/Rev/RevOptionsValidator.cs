using Microsoft.Extensions.Options;

namespace Vbrick.Exporter.Rev;

/// <summary>Data-annotation rules, generated at compile time.</summary>
[OptionsValidator]
internal sealed partial class RevOptionsAnnotationsValidator : IValidateOptions<RevOptions>;

/// <summary>Rules across fields that annotations cannot express.</summary>
internal sealed class RevOptionsValidator : IValidateOptions<RevOptions>
{
    public ValidateOptionsResult Validate(string? name, RevOptions options)
    {
        var failures = new List<string>();
        if (options.Url is { } url)
        {
            if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
            {
                failures.Add("Rev:Url must be an absolute http(s) address.");
            }
            else if (url.Scheme == Uri.UriSchemeHttp && !options.AllowInsecureHttp)
            {
                failures.Add("Rev:Url must use https (set Rev:AllowInsecureHttp=true only for a simulator or test tenant).");
            }
        }

        var limits = options.RateLimits;
        CheckRange(failures, "Rev:RateLimits:RealtimeAttendeesPerMinute", limits.RealtimeAttendeesPerMinute, 0.1, 10_000);
        CheckRange(failures, "Rev:RateLimits:GetPerMinute", limits.GetPerMinute, 1, 1_000_000);
        CheckRange(failures, "Rev:RateLimits:PostPerMinute", limits.PostPerMinute, 1, 1_000_000);
        CheckRange(failures, "Rev:RateLimits:ReportsPerMinute", limits.ReportsPerMinute, 1, 1_000_000);

        if (string.IsNullOrWhiteSpace(options.Secret))
        {
            failures.Add(string.IsNullOrWhiteSpace(options.SecretFile)
                ? "Rev:Secret or Rev:SecretFile is required."
                : "Rev:SecretFile does not exist, cannot be read, or is empty.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckRange(List<string> failures, string key, double value, double min, double max)
    {
        if (!(value >= min && value <= max))
        {
            failures.Add(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{key} must be between {min} and {max} (got {value})."));
        }
    }
}
