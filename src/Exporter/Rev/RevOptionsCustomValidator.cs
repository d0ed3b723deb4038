using Microsoft.Extensions.Options;
using Vbrick.Exporter.Configuration;

namespace Vbrick.Exporter.Rev;

/// <summary>Data-annotation rules, generated at compile time.</summary>
[OptionsValidator]
internal sealed partial class RevOptionsValidator : IValidateOptions<RevOptions>;

/// <summary>Rules across fields that annotations cannot express.</summary>
internal sealed class RevOptionsCustomValidator : OptionsRules<RevOptions>
{
    protected override void Check(RevOptions options, List<string> failures)
    {
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

        if (string.IsNullOrWhiteSpace(options.Secret))
        {
            failures.Add(string.IsNullOrWhiteSpace(options.SecretFile)
                ? "Rev:Secret or Rev:SecretFile is required."
                : options.SecretFileProblem ?? "Rev:SecretFile does not exist, cannot be read, or is empty.");
        }
    }
}
