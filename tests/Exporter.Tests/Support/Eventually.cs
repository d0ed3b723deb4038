using System.Diagnostics;

namespace Vbrick.Exporter.Tests.Support;

/// <summary>
/// The one way a test waits in real time, for the few things that run in real time (a process, a
/// browser, Prometheus): poll a condition until it holds or a deadline passes, then fail naming
/// what never happened. A probe that cannot connect yet (the process is starting) counts as "not yet".
/// </summary>
internal static class Eventually
{
    private static readonly TimeSpan DefaultEvery = TimeSpan.FromMilliseconds(100);

    /// <summary>Polls <paramref name="probe"/> until it returns a value <paramref name="done"/> accepts; returns that value.</summary>
    public static async Task<T> ValueAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan within, string what, TimeSpan? every = null)
    {
        var clock = Stopwatch.StartNew();
        Exception? last = null;
        while (true)
        {
            try
            {
                var value = await probe();
                if (done(value))
                {
                    return value;
                }
            }
            catch (HttpRequestException ex)
            {
                last = ex;
            }

            if (clock.Elapsed >= within)
            {
                throw new TimeoutException($"Within {within.TotalSeconds:0} s: {what} never happened{(last is null ? "." : $" (last error: {last.Message}).")}");
            }

            await Task.Delay(every ?? DefaultEvery, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>Polls <paramref name="condition"/> until it holds.</summary>
    public static Task UntilAsync(Func<Task<bool>> condition, TimeSpan within, string what, TimeSpan? every = null) =>
        ValueAsync(condition, held => held, within, what, every);

    /// <summary>Polls a synchronous <paramref name="condition"/> until it holds.</summary>
    public static Task UntilAsync(Func<bool> condition, TimeSpan within, string what, TimeSpan? every = null) =>
        ValueAsync(() => Task.FromResult(condition()), held => held, within, what, every);
}
