using Vbrick.Exporter.Rev;

namespace Vbrick.Exporter.Tests.Rev;

public sealed class ScrollGuardTests
{
    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 1)]
    [InlineData(500, 1)]
    [InlineData(501, 2)]
    [InlineData(100_000, 200)]
    public void PagesFor_RoundsUpToWholePages(long records, int pages) => Assert.Equal(pages, ScrollGuard.PagesFor(records));

    [Fact]
    public void WithATotal_TheScrollMayRunTenPagesPastIt()
    {
        Assert.False(ScrollGuard.RanAway(210, total: 100_000, recordsWithoutTotal: 2_000_000));
        Assert.True(ScrollGuard.RanAway(211, total: 100_000, recordsWithoutTotal: 2_000_000));
    }

    [Fact]
    public void WithoutATotal_TheSessionCapBoundsTheScroll()
    {
        Assert.False(ScrollGuard.RanAway(4_010, total: null, recordsWithoutTotal: 2_000_000));
        Assert.True(ScrollGuard.RanAway(4_011, total: null, recordsWithoutTotal: 2_000_000));
    }

    [Fact]
    public void AHugeTotal_NeverOverflowsThePageCount() =>
        Assert.False(ScrollGuard.RanAway(int.MaxValue - 10, total: long.MaxValue, recordsWithoutTotal: 0));
}
