namespace Vbrick.Exporter.Web;

/// <summary>
/// The bcrypt slots, handed out in two lanes: a client address with no recent wrong password goes
/// before every address that sent one. A flood of wrong passwords from many addresses fills only the
/// second lane after each address's first failure, so a new scraper (or an operator's browser)
/// waits for at most the checks already running, not for the whole flood. Within a lane, first come
/// first served; a waiter not served within its wait is refused (429).
/// </summary>
internal sealed class BcryptGate(int slots, TimeProvider time)
{
    private readonly object _lock = new();
    private readonly LinkedList<TaskCompletionSource<bool>> _clean = new();
    private readonly LinkedList<TaskCompletionSource<bool>> _suspect = new();
    private int _free = slots;

    public int Slots { get; } = slots;

    /// <summary>Waits for a slot up to <paramref name="wait"/>; true when one was given (and must be <see cref="Release"/>d).</summary>
    public async Task<bool> WaitAsync(bool suspect, TimeSpan wait, CancellationToken cancellationToken)
    {
        TaskCompletionSource<bool> waiter;
        LinkedListNode<TaskCompletionSource<bool>> node;
        lock (_lock)
        {
            if (_free > 0 && _clean.Count == 0 && (!suspect || _suspect.Count == 0))
            {
                _free--;
                return true;
            }

            waiter = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            node = (suspect ? _suspect : _clean).AddLast(waiter);
        }

        // Abandon answers false unless a slot was handed over first; the caller's cancellation is an
        // ordinary refusal here (the request is gone).
        using var timeout = new CancellationTokenSource(wait, time);
        using var timedOut = timeout.Token.Register(() => Abandon(node));
        using var cancelled = cancellationToken.Register(() => Abandon(node));
        return await waiter.Task.ConfigureAwait(false);
    }

    public void Release()
    {
        TaskCompletionSource<bool>? next;
        lock (_lock)
        {
            var lane = _clean.Count > 0 ? _clean : _suspect;
            if (lane.First is not { } first)
            {
                _free++;
                return;
            }

            lane.RemoveFirst();
            next = first.Value;
        }

        next.TrySetResult(true);
    }

    private void Abandon(LinkedListNode<TaskCompletionSource<bool>> node)
    {
        lock (_lock)
        {
            if (node.List is not { } lane)
            {
                return;
            }

            lane.Remove(node);
        }

        node.Value.TrySetResult(false);
    }
}
