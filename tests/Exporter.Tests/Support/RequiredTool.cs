namespace Vbrick.Exporter.Tests.Support;

/// <summary>
/// External tools some tests need (promtool, Prometheus, Alertmanager, Chromium, the dashboards'
/// npm packages). Missing, the test skips with a message saying how to get the tool, so a bare
/// machine or a fork's hosted CI stays green; <c>.ci/run</c> sets <see cref="DemandVariable"/>
/// after installing them, and there a missing tool fails the test instead.
/// </summary>
internal static class RequiredTool
{
    public const string DemandVariable = "VBRICK_EXPORTER_REQUIRE_TOOLS";

    private static bool Demanded => Environment.GetEnvironmentVariable(DemandVariable) == "1";

    /// <summary>
    /// The tool's path for an extra check inside a test that runs anyway; null where it is missing,
    /// except where <c>.ci/run</c> demands every tool, and there a missing one fails the test.
    /// </summary>
    public static string? ForExtraCheck(string name, string howToInstall, params string[] candidates)
    {
        if (TryFind(name, candidates) is { } found)
        {
            return found;
        }

        if (Demanded)
        {
            throw new InvalidOperationException($"{name} is not installed ({howToInstall}), and {DemandVariable}=1 demands it.");
        }

        return null;
    }

    /// <summary>The first existing path among the candidates and the PATH entries for the name.</summary>
    public static string Find(string name, string howToInstall, params string[] candidates)
    {
        if (TryFind(name, candidates) is { } found)
        {
            return found;
        }

        Missing($"{name} is not installed ({howToInstall})");
        return name;
    }

    /// <summary>The tool's path, or null: for an extra check inside a test that runs anyway.</summary>
    public static string? TryFind(string name, params string[] candidates) =>
        candidates.Concat((Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
                .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
                .Select(dir => Path.Combine(dir, name)))
            .FirstOrDefault(File.Exists);

    /// <summary>Skips the test, or fails it where <c>.ci/run</c> demands every tool.</summary>
    public static void Missing(string what)
    {
        if (Demanded)
        {
            throw new InvalidOperationException($"{what}, and {DemandVariable}=1 demands it.");
        }

        Assert.Skip($"{what}; skipped. .ci/run installs it and runs this test.");
    }
}
