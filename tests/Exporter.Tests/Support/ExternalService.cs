using System.Diagnostics;

namespace Vbrick.Exporter.Tests.Support;

/// <summary>An external program a test runs on loopback (Prometheus, Alertmanager), its output drained so it never blocks.</summary>
internal static class ExternalService
{
    public static Process Start(string path, params string[] arguments)
    {
        var start = new ProcessStartInfo(path) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }
}
