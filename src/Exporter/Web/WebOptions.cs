using Microsoft.Extensions.Options;
using Vbrick.Exporter.Configuration;

namespace Vbrick.Exporter.Web;

/// <summary>
/// Protection of the exporter's own endpoints (section <c>Web</c>), modelled on Prometheus'
/// web configuration: users with bcrypt-hashed passwords. TLS uses Kestrel's standard settings
/// (<c>Kestrel:Certificates:Default:Path</c> and <c>KeyPath</c>, with an https <c>--urls</c>).
/// </summary>
public sealed class WebOptions
{
    public const string SectionName = "Web";

    /// <summary>User name → bcrypt hash of the password (e.g. from <c>htpasswd -nbB</c>). Empty: no authentication.</summary>
    public Dictionary<string, string> BasicAuthUsers { get; set; } = [];

    /// <summary>
    /// Whether <c>/healthz</c> and <c>/readyz</c> are served without authentication (default): they
    /// carry no data, and Kubernetes probes send no credentials. False puts them behind it too.
    /// </summary>
    public bool OpenProbes { get; set; } = true;

    /// <summary>
    /// Path of a web configuration file in exporter-toolkit's format (also <c>--web.config.file</c>):
    /// TLS, response headers and basic-auth users, as every Prometheus exporter takes them.
    /// </summary>
    public string? ConfigFile { get; set; }

    /// <summary>
    /// Requests in flight at once on every path but <c>/metrics</c> (probes, status page, unknown
    /// paths); past it the answer is 503 with <c>Retry-After: 1</c>. 0 turns the limit off.
    /// </summary>
    [Between("0", "100000")]
    public int ConcurrencyLimit { get; set; } = 32;

    /// <summary>Further paths served without authentication (none by default).</summary>
    public List<string> UnauthenticatedPaths { get; set; } = [];

    /// <summary>Whether a request path skips authentication.</summary>
    public bool IsOpen(string path) =>
        (OpenProbes && (string.Equals(path, "/healthz", StringComparison.OrdinalIgnoreCase) || string.Equals(path, "/readyz", StringComparison.OrdinalIgnoreCase)))
        || UnauthenticatedPaths.Contains(path, StringComparer.OrdinalIgnoreCase);
}

/// <summary>The annotations' rules, generated at compile time.</summary>
[OptionsValidator]
internal sealed partial class WebOptionsValidator : IValidateOptions<WebOptions>;

internal sealed class WebOptionsCustomValidator : OptionsRules<WebOptions>
{
    protected override void Check(WebOptions options, List<string> failures)
    {
        foreach (var (user, hash) in options.BasicAuthUsers)
        {
            if (string.IsNullOrWhiteSpace(user) || user.Contains(':', StringComparison.Ordinal))
            {
                failures.Add("Web:BasicAuthUsers has an empty user name or one containing ':'.");
            }

            // Only the shape is checked: a hash that is not bcrypt would never match any password.
            if (hash is null || !(hash.StartsWith("$2a$", StringComparison.Ordinal) || hash.StartsWith("$2b$", StringComparison.Ordinal) || hash.StartsWith("$2y$", StringComparison.Ordinal)) || hash.Length != 60)
            {
                failures.Add($"Web:BasicAuthUsers:{user} must be a bcrypt hash ($2a$/$2b$/$2y$, 60 characters), never a plain password.");
            }
            else if (BcryptCost.Of(hash) > BcryptCost.Max)
            {
                failures.Add($"Web:BasicAuthUsers:{user} has bcrypt cost {BcryptCost.Of(hash)}, above the {BcryptCost.Max} the exporter accepts: every new connection would wait seconds or more. Hash it again with cost 10 to 14.");
            }
        }
    }
}
