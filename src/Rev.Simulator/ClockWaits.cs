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
    private readonly List<(string Id, CancellationTokenSource Hold)> _waiting = [];

    /// <summary>Raised after a request starts or stops waiting.</summary>
    public event Action? Changed;

    /// <summary>The correlation ids of the requests waiting now (an id appears once per waiting request).</summary>
    public IReadOnlyList<string> Current
    {
        get
        {
            lock (_gate)
            {
                return [.. _waiting.Select(w => w.Id)];
            }
        }
    }

    /// <summary>Holds the request for <paramref name="delay"/> of the simulator's clock, until the client goes, or until the simulator stops.</summary>
    internal async Task SleepAsync(HttpContext context, TimeSpan delay, TimeProvider time)
    {
        (string Id, CancellationTokenSource Hold) entry = (context.Request.Headers[CorrelationHeader].ToString(), CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted));

        // The timer exists before the request is listed, so a listed request always has one.
        var sleeping = Task.Delay(delay, time, entry.Hold.Token);
        lock (_gate)
        {
            _waiting.Add(entry);
        }

        Changed?.Invoke();
        try
        {
            await sleeping;
        }
        finally
        {
            // After the delay's timer is gone, for the same reason.
            lock (_gate)
            {
                _waiting.Remove(entry);
            }

            entry.Hold.Dispose();
            Changed?.Invoke();
        }
    }

    /// <summary>Lets every held request go, as if cut off: a stopping simulator holds nothing, so it stops at once.</summary>
    internal void ReleaseAll()
    {
        List<CancellationTokenSource> holds;
        lock (_gate)
        {
            holds = [.. _waiting.Select(w => w.Hold)];
        }

        foreach (var hold in holds)
        {
            try
            {
                hold.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // Its request ended meanwhile.
            }
        }
    }
}
