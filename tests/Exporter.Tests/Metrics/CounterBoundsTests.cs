using Vbrick.Exporter.Aggregation;
using Vbrick.Exporter.Metrics;

namespace Vbrick.Exporter.Tests.Metrics;

public sealed class CounterBoundsTests
{
    private static readonly string[] Labels = ["e", "London", "hls", "Chrome"];

    [Fact]
    public void OrdinaryIncrease_IsAddedToAllFourCounters()
    {
        var metrics = new ExporterMetrics(Prometheus.Metrics.NewCustomRegistry());

        var refused = metrics.AddAudienceIncrease(Labels, new RunningTotals(3, 12.5, 1, 2));

        Assert.Equal(0, refused);
        Assert.Equal(12.5, metrics.BufferingSeconds.WithLabels(Labels).Value);
        Assert.Equal(2, metrics.MulticastFailovers.WithLabels(Labels).Value);
    }

    [Theory]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NaN)]
    [InlineData(-1)]
    [InlineData(1e300)]
    public void IncreaseThatCannotBeACounterValue_IsRefused_AndTheOthersStillCount(double bad)
    {
        var metrics = new ExporterMetrics(Prometheus.Metrics.NewCustomRegistry());

        var refused = metrics.AddAudienceIncrease(Labels, new RunningTotals(1, bad, 1, 1));

        Assert.Equal(1, refused);
        Assert.Equal(0, metrics.BufferingSeconds.WithLabels(Labels).Value);
        Assert.Equal(1, metrics.BufferingEvents.WithLabels(Labels).Value);
    }

    [Fact]
    public void RepeatedHugeIncreases_NeverCarryACounterPastTwoToTheFiftyThird()
    {
        var metrics = new ExporterMetrics(Prometheus.Metrics.NewCustomRegistry());
        var huge = ExporterMetrics.MaxCounterValue * 0.75;

        var first = metrics.AddAudienceIncrease(Labels, new RunningTotals(huge, 0, 0, 0));
        var second = metrics.AddAudienceIncrease(Labels, new RunningTotals(huge, 0, 0, 0));

        Assert.Equal((0, 1), (first, second));
        Assert.Equal(huge, metrics.BufferingEvents.WithLabels(Labels).Value);
        Assert.True(double.IsFinite(metrics.BufferingEvents.WithLabels(Labels).Value));
    }
}
