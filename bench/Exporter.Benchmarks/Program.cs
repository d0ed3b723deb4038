using BenchmarkDotNet.Running;
using Vbrick.Exporter.Benchmarks;

// `budget` runs the Rev budget efficiency simulation; anything else goes to BenchmarkDotNet.
if (args.Length > 0 && args[0] == "budget")
{
    await BudgetEfficiencyRun.RunAsync(Console.Out);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(PageCorpus).Assembly).Run(args);
