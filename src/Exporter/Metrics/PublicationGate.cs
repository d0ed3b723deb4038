namespace Vbrick.Exporter.Metrics;

/// <summary>
/// Serialises publication against its readers (scrapes, the status page, the OTLP collection), so a
/// reader never sees half a sweep. It counts the callers waiting to enter, so a test observes a
/// reader held back instead of waiting a while to prove that it was.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "A SemaphoreSlim holds an OS handle only once its AvailableWaitHandle is asked for, which this gate never does; it lives as long as the process.")]
public sealed class PublicationGate
{
    private readonly SemaphoreSlim _semaphore = new(1, 1);
    private int _waiting;

    /// <summary>Callers waiting to enter.</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    /// <summary>Whether someone holds the gate now.</summary>
    public bool IsHeld => _semaphore.CurrentCount == 0;

    public PublicationLease Enter()
    {
        Interlocked.Increment(ref _waiting);
        try
        {
            _semaphore.Wait();
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }

        return new(this);
    }

    public async ValueTask<PublicationLease> EnterAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _waiting);
        try
        {
            await _semaphore.WaitAsync(cancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }

        return new(this);
    }

    internal void Release() => _semaphore.Release();
}
