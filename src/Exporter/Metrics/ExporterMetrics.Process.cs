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

    internal Gauge ProcessStartTimeSeconds { get; private set; } = null!;

    internal Counter ProcessCpuSeconds { get; private set; } = null!;

    internal Gauge ProcessResidentMemory { get; private set; } = null!;

    internal Gauge ProcessVirtualMemory { get; private set; } = null!;

    internal Gauge ProcessOpenHandles { get; private set; } = null!;

    internal Gauge ProcessThreads { get; private set; } = null!;

    internal Gauge DotNetTotalMemory { get; private set; } = null!;

    internal Counter DotNetCollections { get; private set; } = null!;

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

    private void CreateProcessInstruments(FamilyFactory f)
    {
        ProcessStartTimeSeconds = Track(f.CreateGauge("process_start_time_seconds", "Start time of the process since the Unix epoch, in seconds."));
        ProcessCpuSeconds = Track(f.CreateCounter("process_cpu_seconds_total", "Total user and system CPU time spent, in seconds."));
        ProcessResidentMemory = Track(f.CreateGauge("process_resident_memory_bytes", "Resident (working set) memory of the process, in bytes."));
        ProcessVirtualMemory = Track(f.CreateGauge("process_virtual_memory_bytes", "Virtual memory size of the process, in bytes."));
        ProcessOpenHandles = Track(f.CreateGauge("process_open_handles", "Open handles (file descriptors) of the process."));
        ProcessThreads = Track(f.CreateGauge("process_num_threads", "Threads of the process."));
        DotNetTotalMemory = Track(f.CreateGauge("dotnet_total_memory_bytes", "Bytes the .NET garbage collector currently considers allocated."));
        DotNetCollections = Track(f.CreateCounter("dotnet_collection_count_total", "Garbage collections since the process started, by generation.", "generation"));
        ProcessStartTimeSeconds.Set(ProcessStartTime);
        RefreshProcessFigures();
    }
}
