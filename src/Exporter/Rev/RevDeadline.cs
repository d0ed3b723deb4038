namespace Vbrick.Exporter.Rev;

/// <summary>
/// One deadline around a whole Rev call, sending and reading the body together: once Rev has sent
/// headers nothing else bounds the body, and a stalled one would hold the polling loop. Used by
/// both typed clients (<see cref="RevClient"/>, <see cref="RevAuthenticationClient"/>).
/// </summary>
internal static class RevDeadline
{
    public static async Task<T> RunAsync<T>(TimeProvider time, TimeSpan deadline, string timeoutMessage, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        using var timer = new CancellationTokenSource(deadline, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timer.Token);
        try
        {
            return await call(linked.Token);
        }
        catch (Exception ex) when (timer.IsCancellationRequested && !cancellationToken.IsCancellationRequested
            && ex is OperationCanceledException or IOException or RevApiException { Kind: RevErrorKind.Network or RevErrorKind.Timeout })
        {
            // However the cut-off call surfaced (cancellation, a broken stream), it was our deadline.
            throw new RevApiException(RevErrorKind.Timeout, timeoutMessage, inner: ex);
        }
    }
}
