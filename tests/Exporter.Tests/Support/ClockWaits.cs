using Microsoft.AspNetCore.Http;
using Vbrick.Rev.Simulator;

namespace Vbrick.Exporter.Tests.Support;

/// <summary>
/// The requests the simulator is holding on its clock (an injected delay or a stalled body). A
/// driver of fake time needs to know them: a client waiting on one of these is waiting on time,
/// not on the network, so moving the clock is what lets it go on. A request names itself with the
/// <see cref="CorrelationHeader"/>; one without it is listed under the empty string.
/// </summary>
public sealed class ClockWaits : IRequestHold
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

    public async Task HoldAsync(HttpRequest request, TimeSpan delay, TimeProvider time, CancellationToken cancellationToken)
    {
        var id = request.Headers[CorrelationHeader].ToString();

        // The timer exists before the request is listed, so a listed request always has one.
        var sleeping = Task.Delay(delay, time, cancellationToken);
        lock (_gate)
        {
            _waiting.Add(id);
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
                _waiting.Remove(id);
            }

            Changed?.Invoke();
        }
    }
}
