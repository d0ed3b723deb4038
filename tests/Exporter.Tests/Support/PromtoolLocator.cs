using System.Diagnostics;

namespace Vbrick.Exporter.Tests.Support;

internal static class PromtoolLocator
{
    /// <summary>promtool's path; skips the test where it is missing (see <see cref="RequiredTool"/>).</summary>
    public static string Find() => RequiredTool.Find("promtool", "Debian's prometheus package has it");

    public static async Task<(int ExitCode, string Output)> RunAsync(string promtool, string arguments, string input, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(promtool, arguments)
        {
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        await process.StandardInput.WriteAsync(input);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }
}
