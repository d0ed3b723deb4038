using Microsoft.AspNetCore.Http;

namespace Vbrick.Rev.Simulator;

/// <summary>
/// How the simulator holds a request on its own clock (an injected delay, a stalled body). The
/// default waits on the simulator's <see cref="TimeProvider"/>. A test that drives fake time
/// supplies its own to learn which requests wait on the clock rather than on the network; that
/// bookkeeping lives with the tests, so the shipped simulator carries none of it.
/// </summary>
public interface IRequestHold
{
    /// <summary>Completes after <paramref name="delay"/> of <paramref name="time"/>; throws when <paramref name="cancellationToken"/> fires first.</summary>
    Task HoldAsync(HttpRequest request, TimeSpan delay, TimeProvider time, CancellationToken cancellationToken);
}

/// <summary>The shipped hold: a delay on the simulator's clock, nothing recorded.</summary>
internal sealed class ClockHold : IRequestHold
{
    public static readonly ClockHold Instance = new();

    public Task HoldAsync(HttpRequest request, TimeSpan delay, TimeProvider time, CancellationToken cancellationToken) =>
        Task.Delay(delay, time, cancellationToken);
}
