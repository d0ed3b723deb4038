using Vbrick.Exporter.Aggregation;
using Vbrick.Exporter.Rev;

namespace Vbrick.Exporter.Tests.Aggregation;

public sealed class EventWideFiguresTests
{
    [Fact]
    public void From_NegativeNonFiniteOrOverAHundredPercent_IsMissing_SoTheSeriesKeepsItsLastValue()
    {
        var page = new RealtimePage
        {
            Total = -1,
            HostCount = -2,
            ModeratorCount = 3,
            AttendeeCount = -4,
            RebufferingPercentage = 150,
            AverageRebufferDuration = double.NaN,
            ErrorsPerAttendee = -0.1,
            MulticastErrorsPerAttendee = double.PositiveInfinity,
        };

        var figures = EventWideFigures.From(page);

        Assert.Equal(new EventWideFigures(null, null, 3, null, null, null, null, null), figures);
    }

    [Fact]
    public void From_AbsurdlyLargeFigures_AreMissing_So1e308NeverReachesMetrics()
    {
        var page = new RealtimePage
        {
            Total = long.MaxValue,
            HostCount = 1,
            ModeratorCount = 200_000_000,
            AttendeeCount = 100_000,
            RebufferingPercentage = 50,
            AverageRebufferDuration = 1e308,
            ErrorsPerAttendee = 1e308,
            MulticastErrorsPerAttendee = 3_000_000,
        };

        Assert.Equal(new EventWideFigures(null, 1, null, 100_000, 0.5, null, null, null), EventWideFigures.From(page));
    }

    [Fact]
    public void From_ValidFigures_AreConvertedToBaseUnits()
    {
        var page = new RealtimePage { Total = 10, HostCount = 1, ModeratorCount = 2, AttendeeCount = 7, RebufferingPercentage = 25, AverageRebufferDuration = 1.5, ErrorsPerAttendee = 0.2, MulticastErrorsPerAttendee = 0 };

        Assert.Equal(new EventWideFigures(10, 1, 2, 7, 0.25, 1.5, 0.2, 0), EventWideFigures.From(page));
    }
}
