using Vbrick.Exporter.Metrics;

namespace Vbrick.Exporter.Telemetry;

/// <summary>
/// Holds the publication gate from the start of an OTLP collection until its snapshot is taken,
/// and not a moment longer: the network send happens after <see cref="Release"/>, so a slow or
/// unreachable collector never holds up publication or scrapes.
/// </summary>
public sealed class CollectionHandoff(ExporterMetrics metrics)
{
    private int _held;
    private PublicationLease _lease;

    public void Acquire()
    {
        _lease = metrics.PublicationGate.Enter();
        Volatile.Write(ref _held, 1);
    }

    /// <summary>Idempotent: the exporter releases after the snapshot; the reader makes sure on the way out.</summary>
    public void Release()
    {
        if (Interlocked.Exchange(ref _held, 0) == 1)
        {
            _lease.Dispose();
        }
    }
}
