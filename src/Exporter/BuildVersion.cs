using System.Reflection;

namespace Vbrick.Exporter;

/// <summary>
/// What was built: the version from the git tag (MinVer: <c>1.2.3</c> on a tag, <c>1.2.4-alpha.0.N</c>
/// N commits after it), the commit, and the .NET runtime. Shown by <c>--version</c>,
/// <c>vbrick_exporter_build_info</c>, the status page and the User-Agent sent to Rev.
/// </summary>
public static class BuildVersion
{
    private static readonly (string Version, string Revision) Parsed = Parse(
        typeof(BuildVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion);

    public static string Version => Parsed.Version;

    /// <summary>The full commit id, or <c>unknown</c> when built without git metadata.</summary>
    public static string Revision => Parsed.Revision;

    /// <summary>The runtime, as Prometheus exporters name theirs (<c>goversion="go1.22"</c>): <c>dotnet10.0.1</c>.</summary>
    public static string Runtime => "dotnet" + Environment.Version.ToString(3);

    /// <summary>Splits an informational version <c>1.2.3+commit</c> into its version and commit.</summary>
    public static (string Version, string Revision) Parse(string? informational)
    {
        if (string.IsNullOrWhiteSpace(informational))
        {
            return ("unknown", "unknown");
        }

        var plus = informational.IndexOf('+', StringComparison.Ordinal);
        return plus < 0
            ? (informational.Trim(), "unknown")
            : (informational[..plus].Trim(), informational[(plus + 1)..].Trim() is { Length: > 0 } revision ? revision : "unknown");
    }
}
