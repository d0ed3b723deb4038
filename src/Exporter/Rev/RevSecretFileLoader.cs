using Microsoft.Extensions.Options;

namespace Vbrick.Exporter.Rev;

/// <summary>Reads <c>Rev:SecretFile</c> once at start-up, so the secret never has to sit in an environment variable.</summary>
internal sealed class RevSecretFileLoader : IPostConfigureOptions<RevOptions>
{
    public void PostConfigure(string? name, RevOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.SecretFile))
        {
            return;
        }

        try
        {
            // Container secrets usually end with a newline that is not part of the secret.
            options.Secret = File.ReadAllText(options.SecretFile).Trim();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            // Left empty: the validator then names the key in one clear line.
            options.Secret = null;
        }
    }
}
