using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Vbrick.Exporter.Aggregation;
using Vbrick.Exporter.Rev;

namespace Vbrick.Exporter.Benchmarks;

/// <summary>
/// The performance guard CI runs: one sweep of about 100,000 attendees (200 pages, key casing
/// alternating page by page) parsed and aggregated by the exporter's streaming reader into a warm
/// session table, against the floor measured in the same process and the same run, a bare
/// <see cref="Utf8JsonReader"/> pass over the same bytes. Rounds alternate the two so that a machine
/// slowing down mid-run affects both; the medians are compared. Fails (exit 1) when parse and
/// aggregate take more than <see cref="MaxRatio"/> times the floor or allocate more than
/// <see cref="MaxBytesPerAttendee"/> bytes per attendee: ratios, which hold across machines, not times.
/// </summary>
public static class HotPathGuard
{
    public const double MaxRatio = 1.8;
    public const double MaxBytesPerAttendee = 8;
    private const int Rounds = 21;

    public static int Run(TextWriter output)
    {
        var pages = PageCorpus.Render(102_000, seed: 11, mixedCasing: true);
        var audience = new EventAudience(50);
        var attendees = SweepOnce(audience, pages);
        Bare(pages);

        var bare = new List<double>();
        var bareAfter = new List<double>();
        var parse = new List<double>();
        var decodeOnly = new List<double>();
        var copyOnly = new List<double>();
        for (var round = 0; round < Rounds; round++)
        {
            bare.Add(Time(() => Bare(pages)));
            decodeOnly.Add(Time(() => DecodeOnly(pages)));
            copyOnly.Add(Time(() => CopyOnly(pages)));
            Evaluate(audience);
            parse.Add(Time(() => SweepOnce(audience, pages)));
            bareAfter.Add(Time(() => Bare(pages)));
        }

        Evaluate(audience);
        var before = GC.GetTotalAllocatedBytes(precise: true);
        SweepOnce(audience, pages);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        // Each round's parse is compared with the floor measured just before and just after it, so a
        // machine that slows down for a while (a shared VM) slows both sides of the same ratio.
        var ratio = Median([.. parse.Select((p, i) => p / ((bare[i] + bareAfter[i]) / 2))]);
        var perAttendee = allocated / (double)attendees;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Hot-path guard: {attendees:N0} attendees in {pages.Count} pages ({pages.Sum(p => p.Length) / 1048576.0:0.0} MiB, key casing alternating), {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}, the ratio is the median of {Rounds} rounds' own ratios (parse against the floor measured around it)."));
        output.WriteLine("| | median ms | ratio to floor | allocated B / attendee |");
        output.WriteLine("|---|---:|---:|---:|");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| bare Utf8JsonReader (floor) | {Median(bare):0.0} | 1.00 | 0 |"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| stream copy only (64 KiB reads; not guarded) | {Median(copyOnly):0.0} | {Median(copyOnly) / Median(bare):0.00} | |"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| decode only (records to a sink that keeps nothing; not guarded) | {Median(decodeOnly):0.0} | {Median(decodeOnly) / Median(bare):0.00} | |"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| parse + aggregate | {Median(parse):0.0} | **{ratio:0.00}** | {perAttendee:0.00} |"));
        var failed = false;
        if (ratio > MaxRatio)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"FAIL: parse + aggregate is {ratio:0.00}x the bare reader (limit {MaxRatio})."));
            failed = true;
        }

        if (perAttendee > MaxBytesPerAttendee)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"FAIL: {perAttendee:0.00} bytes allocated per attendee (limit {MaxBytesPerAttendee})."));
            failed = true;
        }

        output.WriteLine(failed ? "Hot-path guard failed." : "Hot-path guard passed.");
        return failed ? 1 : 0;
    }

    // Fully optimised from its first call: a loop method otherwise runs as on-stack-replacement code
    // in some processes and tier-1 code in others, and the floor moved by a third between runs.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Bare(List<byte[]> pages)
    {
        var tokens = 0;
        foreach (var page in pages)
        {
            var reader = new Utf8JsonReader(page);
            while (reader.Read())
            {
                tokens++;
            }
        }

        return tokens;
    }

    private static long CopyOnly(List<byte[]> pages)
    {
        var buffer = new byte[64 * 1024];
        long total = 0;
        foreach (var page in pages)
        {
            using var stream = new MemoryStream(page, writable: false);
            int read;
            while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
            {
                total += read;
            }
        }

        return total;
    }

    private static void DecodeOnly(List<byte[]> pages)
    {
        var sink = new DiscardingSink();
        foreach (var page in pages)
        {
            using var stream = new MemoryStream(page, writable: false);
            RealtimePageReader.ReadAsync(stream, sink, ScrollGuard.PageSize, CancellationToken.None).AsTask().GetAwaiter().GetResult();
        }
    }

    private static long SweepOnce(EventAudience audience, List<byte[]> pages)
    {
        // A sweep a minute, the quality window evaluated between sweeps as the polling service
        // does: each session keeps the readings of the last five minutes, no more.
        var at = DateTimeOffset.UnixEpoch + TimeSpan.FromMinutes(audience.CompletedSweeps);
        var sweep = audience.StartSweep(at);
        foreach (var page in pages)
        {
            using var stream = new MemoryStream(page, writable: false);
            sweep.BeginPage();
            RealtimePageReader.ReadAsync(stream, sweep, ScrollGuard.PageSize, CancellationToken.None).AsTask().GetAwaiter().GetResult();
        }

        var result = sweep.Complete(at, null);
        audience.Recycle(result);
        return result.SessionsSeen;
    }

    /// <summary>The quality window's evaluation, which the polling service runs apart from sweeps (not timed).</summary>
    private static void Evaluate(EventAudience audience) =>
        audience.Quality.Evaluate(DateTimeOffset.UnixEpoch + TimeSpan.FromMinutes(audience.CompletedSweeps), TimeSpan.FromMinutes(5), audience.Zones);

    private static double Time(Action work)
    {
        var started = Stopwatch.GetTimestamp();
        work();
        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private sealed class DiscardingSink : IAttendeeSink
    {
        public void Add(in AttendeeRecord record)
        {
        }
    }
}
