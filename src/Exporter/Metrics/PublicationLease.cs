namespace Vbrick.Exporter.Metrics;

/// <summary>Holds the publication gate until disposed.</summary>
public readonly struct PublicationLease : IDisposable
{
    private readonly SemaphoreSlim _gate;

    internal PublicationLease(SemaphoreSlim gate)
    {
        _gate = gate;
        _gate.Wait();
    }

    public void Dispose() => _gate.Release();
}
