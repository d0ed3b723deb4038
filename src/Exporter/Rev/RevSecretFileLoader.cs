using System.Text;
using Microsoft.Extensions.Options;

namespace Vbrick.Exporter.Rev;

/// <summary>
/// Reads <c>Rev:SecretFile</c> once at start-up, so the secret never has to sit in an environment
/// variable. At most <see cref="MaxSecretBytes"/> are read (a path like <c>/dev/zero</c> must not
/// exhaust memory), and a file every user may read is warned about.
/// </summary>
internal sealed partial class RevSecretFileLoader(ILogger<RevSecretFileLoader> logger) : IPostConfigureOptions<RevOptions>
{
    /// <summary>Far larger than any API secret; a file past it is not one.</summary>
    public const int MaxSecretBytes = 64 * 1024;

    public void PostConfigure(string? name, RevOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.SecretFile))
        {
            return;
        }

        try
        {
            using var file = new FileStream(options.SecretFile, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.None);
            var buffer = new byte[MaxSecretBytes + 1];
            var read = 0;
            int n;
            while (read < buffer.Length && (n = file.Read(buffer, read, buffer.Length - read)) > 0)
            {
                read += n;
            }

            if (read > MaxSecretBytes)
            {
                options.Secret = null;
                options.SecretFileProblem = $"Rev:SecretFile holds more than {MaxSecretBytes / 1024} KiB: that is not a secret (is it the right path?).";
                return;
            }

            // Container secrets usually end with a newline that is not part of the secret.
            options.Secret = Encoding.UTF8.GetString(buffer, 0, read).Trim();
            Array.Clear(buffer);
            WarnIfReadableByOthers(options.SecretFile);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            // Left empty: the validator then names the key in one clear line.
            options.Secret = null;
        }
    }

    private void WarnIfReadableByOthers(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var mode = File.GetUnixFileMode(path);
        if ((mode & UnixFileMode.OtherRead) != 0)
        {
            Log.ReadableByOthers(logger, Convert.ToString((int)mode & 0x1ff, 8));
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 106, Level = LogLevel.Warning, Message = "Rev:SecretFile is readable by every user of this machine (mode {Mode}): make it readable by the exporter's user only (chmod 400)")]
        public static partial void ReadableByOthers(ILogger logger, string mode);
    }
}
