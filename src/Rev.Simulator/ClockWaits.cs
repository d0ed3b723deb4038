using Microsoft.AspNetCore.Http;

namespace Vbrick.Rev.Simulator;

/// <summary>
/// Requests the simulator is holding on its own clock (an injected delay or a stalled body). A
/// test driving fake time needs to know them: a client waiting on one of these is waiting on time,
/// not on the network, so moving the clock is what lets it go on. A request names itself with the
/// <see cref="CorrelationHeader"/>; one without it is listed under the empty string.
/// </summary>
public sealed class ClockWaits
{
    public const string CorrelationHeader = "X-Correlation-Id";

    private readonly Lock _gate = new();
    private readonly List<string> _waiting = [];

    /// <summary>Raised after a request starts or stops waiting.</summary>
    public event Action? Changed;

    /// <summary>The correlation ids of the requests waiting now (an id appears once per waiting request).</summary>
    public IReadOnlyList<string> Current
    {
        get
        {
            lock (_gate)
            {
                return [.. _waiting];
            }
        }
    }

    /// <summary>Holds the request for <paramref name="delay"/> of the simulator's clock, or until the client goes.</summary>
    internal async Task SleepAsync(HttpContext context, TimeSpan delay, TimeProvider time)
    {
        var id = context.Request.Headers[CorrelationHeader].ToString();
        lock (_gate)
        {
            _waiting.Add(id);
        }

        Changed?.Invoke();
        try
        {
            await Task.Delay(delay, time, context.RequestAborted);
        }
        finally
        {
            // After the delay's timer is gone: a listed wait always has a live timer behind it.
            lock (_gate)
            {
                _waiting.Remove(id);
            }

            Changed?.Invoke();
        }
    }
}
