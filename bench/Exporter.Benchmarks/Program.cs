using System.Globalization;
using BenchmarkDotNet.Running;
using Vbrick.Exporter.Benchmarks;

// `budget`: Rev budget efficiency on fake time. `freshness [events] [viewers] [Key=value...]`: ages and spike
// detection at Rev's limits on fake time. `e2e [viewers...]`: loopback sweeps. `auth-flood [seconds]`:
// wrong-password floods against the built exporter. `cheap-flood [seconds] [--Key=value...]`: /metrics
// latency during a /healthz flood. `guard`: the hot-path guard CI runs (exit 1 past its ratios).
// `simulator N`: the child process `e2e` starts. Anything else goes to BenchmarkDotNet.
switch (args.FirstOrDefault())
{
    case "budget":
        await BudgetEfficiencyRun.RunAsync(Console.Out);
        break;
    case "freshness":
        int[] ParseList(int index, int[] fallback) => args.Length > index ? [.. args[index].Split(',').Select(a => int.Parse(a, CultureInfo.InvariantCulture))] : fallback;
        var overrides = args.Skip(3).Select(a => a.Split('=', 2)).ToDictionary(kv => kv[0], kv => (string?)kv[1]);
        await FreshnessRun.RunAsync(Console.Out, ParseList(1, [1, 3, 10]), ParseList(2, [1_000, 10_000, 50_000, 100_000]), overrides);
        break;
    case "e2e":
        var counts = args.Length > 1 ? args.Skip(1).Select(a => int.Parse(a, CultureInfo.InvariantCulture)).ToArray() : [10_000, 100_000, 1_000_000];
        await EndToEndSweepRun.RunAsync(Console.Out, counts);
        break;
    case "auth-flood":
        await AuthFloodRun.RunAsync(Console.Out, TimeSpan.FromSeconds(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10));
        break;
    case "guard":
        Environment.ExitCode = HotPathGuard.Run(Console.Out);
        break;
    case "cheap-flood":
        await CheapPathFloodRun.RunAsync(Console.Out, TimeSpan.FromSeconds(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10), [.. args.Skip(2)]);
        break;
    case "corpus":
        var pages = PageCorpus.Render(13_500);
        var attendees = new Vbrick.Exporter.Benchmarks.CorpusStats(pages);
        Console.WriteLine(attendees);
        break;
    case "simulator":
        await EndToEndSweepRun.ServeAsync(int.Parse(args[1], CultureInfo.InvariantCulture));
        break;
    default:
        BenchmarkSwitcher.FromAssembly(typeof(PageCorpus).Assembly).Run(args);
        break;
}
