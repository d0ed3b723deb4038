using System.Diagnostics;

namespace Vbrick.Exporter.Tests.Host;

internal static class PromtoolLocator
{
    public static string? Find()
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':'))
        {
            var path = Path.Combine(dir, "promtool");
            if (File.Exists(path))
            {
                return path;
            }
        }

        if (Environment.GetEnvironmentVariable("CI") == "true")
        {
            throw new InvalidOperationException("CI must have promtool: .ci/run installs Debian's prometheus package.");
        }

        return null;
    }

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
