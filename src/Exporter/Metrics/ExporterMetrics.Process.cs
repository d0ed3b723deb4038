using System.Diagnostics;
using Prometheus;

namespace Vbrick.Exporter.Metrics;

/// <summary>
/// The process and runtime instruments. They live in the exporter's own model, instead of
/// prometheus-net's DotNetStats, so <c>/metrics</c> and OTLP carry the same set.
/// </summary>
public sealed partial class ExporterMetrics
{
    private static readonly double ProcessStartTime = Process.GetCurrentProcess().StartTime.ToUniversalTime().Subtract(DateTime.UnixEpoch).TotalSeconds;

    internal Gauge ProcessStartTimeSeconds { get; }

    internal Counter ProcessCpuSeconds { get; }

    internal Gauge ProcessResidentMemory { get; }

    internal Gauge ProcessVirtualMemory { get; }

    internal Gauge ProcessOpenHandles { get; }

    internal Gauge ProcessThreads { get; }

    internal Gauge DotNetTotalMemory { get; }

    internal Counter DotNetCollections { get; }

    /// <summary>Reads the process figures; called just before each <c>/metrics</c> render and OTLP collection.</summary>
    public void RefreshProcessFigures()
    {
        using var process = Process.GetCurrentProcess();
        ProcessCpuSeconds.IncTo(process.TotalProcessorTime.TotalSeconds);
        ProcessResidentMemory.Set(process.WorkingSet64);
        ProcessVirtualMemory.Set(process.VirtualMemorySize64);
        ProcessOpenHandles.Set(process.HandleCount);
        ProcessThreads.Set(process.Threads.Count);
        DotNetTotalMemory.Set(GC.GetTotalMemory(forceFullCollection: false));
        for (var generation = 0; generation <= GC.MaxGeneration; generation++)
        {
            DotNetCollections.WithLabels(generation.ToString(System.Globalization.CultureInfo.InvariantCulture)).IncTo(GC.CollectionCount(generation));
        }
    }
}
