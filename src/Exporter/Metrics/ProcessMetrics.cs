using System.Diagnostics;
using System.Globalization;
using Prometheus;

namespace Vbrick.Exporter.Metrics;

/// <summary>
/// The process and runtime instruments. They live in the exporter's own model, instead of
/// prometheus-net's DotNetStats, so <c>/metrics</c> and OTLP carry the same set.
/// </summary>
public sealed class ProcessMetrics
{
    private static readonly double ProcessStartTime = Process.GetCurrentProcess().StartTime.ToUniversalTime().Subtract(DateTime.UnixEpoch).TotalSeconds;

    private readonly Gauge _startTime;
    private readonly Counter _cpuSeconds;
    private readonly Gauge _residentMemory;
    private readonly Gauge _virtualMemory;
    private readonly Gauge _openHandles;
    private readonly Gauge _threads;
    private readonly Gauge _totalMemory;
    private readonly Counter _collections;

    internal ProcessMetrics(FamilyFactory f)
    {
        _startTime = f.CreateGauge("process_start_time_seconds", "Start time of the process since the Unix epoch, in seconds.");
        _cpuSeconds = f.CreateCounter("process_cpu_seconds_total", "Total user and system CPU time spent, in seconds.");
        _residentMemory = f.CreateGauge("process_resident_memory_bytes", "Resident (working set) memory of the process, in bytes.");
        _virtualMemory = f.CreateGauge("process_virtual_memory_bytes", "Virtual memory size of the process, in bytes.");
        _openHandles = f.CreateGauge("process_open_handles", "Open handles (file descriptors) of the process.");
        _threads = f.CreateGauge("process_num_threads", "Threads of the process.");
        _totalMemory = f.CreateGauge("dotnet_total_memory_bytes", "Bytes the .NET garbage collector currently considers allocated.");
        _collections = f.CreateCounter("dotnet_collection_count_total", "Garbage collections since the process started, by generation.", "generation");
        _startTime.Set(ProcessStartTime);
        Refresh();
    }

    /// <summary>Reads the process figures; called just before each <c>/metrics</c> render and OTLP collection.</summary>
    public void Refresh()
    {
        using var process = Process.GetCurrentProcess();
        _cpuSeconds.IncTo(process.TotalProcessorTime.TotalSeconds);
        _residentMemory.Set(process.WorkingSet64);
        _virtualMemory.Set(process.VirtualMemorySize64);
        _openHandles.Set(process.HandleCount);
        _threads.Set(process.Threads.Count);
        _totalMemory.Set(GC.GetTotalMemory(forceFullCollection: false));
        for (var generation = 0; generation <= GC.MaxGeneration; generation++)
        {
            _collections.WithLabels(generation.ToString(CultureInfo.InvariantCulture)).IncTo(GC.CollectionCount(generation));
        }
    }
}
