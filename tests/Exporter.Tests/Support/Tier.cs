namespace Vbrick.Exporter.Tests.Support;

/// <summary>
/// Test tiers, as xunit traits. The README's test command runs everything but <see cref="Slow"/>
/// (<c>dotnet test -c Release --filter Tier!=Slow</c>, under two minutes on two cores); <c>.ci/run</c> then
/// runs <c>Tier=Slow</c>: long real-time runs, child processes, and external tools.
/// </summary>
internal static class Tier
{
    public const string Name = "Tier";

    public const string Slow = "Slow";
}
