namespace Vbrick.Exporter.Metrics;

/// <summary>Holds the publication gate until disposed.</summary>
public readonly struct PublicationLease : IDisposable
{
    private readonly PublicationGate _gate;

    internal PublicationLease(PublicationGate gate) => _gate = gate;

    public void Dispose() => _gate.Release();
}
