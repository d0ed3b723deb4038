using Vbrick.Exporter.Configuration;

namespace Vbrick.Exporter.Tests.Configuration;

public sealed class OptionFailuresTests
{
    [Fact]
    public void Range_OutsideTheBounds_SaysKeyBoundsAndValue_InsideSaysNothing()
    {
        var failures = new OptionFailures();

        failures.Range("Events:MaxDiscovered", 0, 1, 10_000);
        failures.Range("Events:MaxDiscovered", 10_000, 1, 10_000);
        failures.Range("Polling:Interval", TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1), TimeSpan.FromDays(1));
        failures.Range("Polling:Interval", TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), TimeSpan.FromDays(1));

        Assert.Equal(
            ["Events:MaxDiscovered must be between 1 and 10000 (got 0).", "Polling:Interval must be between 00:00:01 and 1.00:00:00 (got 00:00:00.5000000)."],
            failures);
    }
}
