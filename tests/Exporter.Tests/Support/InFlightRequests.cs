using System.Globalization;
using Vbrick.Exporter.Rev;

namespace Vbrick.Exporter.Tests.Support;

/// <summary>
/// The exporter's HTTP requests from the moment they leave until their response body has been read
/// to the end or thrown away. Each carries a <see cref="ClockWaits.CorrelationHeader"/>, so the
/// driver can match it with the simulator's list of requests it holds on the fake clock.
/// </summary>
public sealed class InFlightRequests
{
    private readonly Lock _gate = new();
    private readonly HashSet<string> _open = [];
    private long _next;

    /// <summary>Raised after a request opens or closes.</summary>
    public event Action? Changed;

    public IReadOnlyCollection<string> Current
    {
        get
        {
            lock (_gate)
            {
                return [.. _open];
            }
        }
    }

    /// <summary>A handler for the innermost place of every client pipeline: it sees each attempt, not each call.</summary>
    public DelegatingHandler CreateHandler() => new Handler(this);

    private string Open()
    {
        var id = Interlocked.Increment(ref _next).ToString(CultureInfo.InvariantCulture);
        lock (_gate)
        {
            _open.Add(id);
        }

        Changed?.Invoke();
        return id;
    }

    private void Close(string id)
    {
        bool removed;
        lock (_gate)
        {
            removed = _open.Remove(id);
        }

        if (removed)
        {
            Changed?.Invoke();
        }
    }

    private sealed class Handler(InFlightRequests requests) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var id = requests.Open();
            request.Headers.Remove(ClockWaits.CorrelationHeader);
            request.Headers.TryAddWithoutValidation(ClockWaits.CorrelationHeader, id);
            HttpResponseMessage response;
            try
            {
                response = await base.SendAsync(request, cancellationToken);
            }
            catch
            {
                requests.Close(id);
                throw;
            }

            response.Content = new TrackedContent(response.Content, requests, id);
            return response;
        }
    }

    /// <summary>The response body: the request closes once it has been read to the end or thrown away.</summary>
    private sealed class TrackedContent(HttpContent inner, InFlightRequests requests, string id) : ObservedContent(inner)
    {
        protected override ObservedReadStream Observe(Stream body) => new TrackedStream(body, requests, id);

        protected override void OnDisposed() => requests.Close(id);
    }

    /// <summary>The body stream: its end, a failed read or its disposal closes the request.</summary>
    private sealed class TrackedStream(Stream inner, InFlightRequests requests, string id) : ObservedReadStream(inner)
    {
        protected override void OnRead(int count)
        {
            if (count == 0)
            {
                requests.Close(id);
            }
        }

        protected override void OnReadFailed() => requests.Close(id);

        protected override void OnDisposed() => requests.Close(id);
    }
}
