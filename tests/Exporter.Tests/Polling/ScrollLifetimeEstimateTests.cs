using Vbrick.Exporter.Polling;

namespace Vbrick.Exporter.Tests.Polling;

public sealed class ScrollLifetimeEstimateTests
{
    private static readonly TimeSpan Slot = TimeSpan.FromSeconds(30);
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void AtTwoAMinuteAndSixtySeconds_NothingFitsBetweenTwoPages()
    {
        var estimate = new ScrollLifetimeEstimate(TimeSpan.FromSeconds(60));

        Assert.Equal(0, estimate.InterleaveAllowance(Slot));
        Assert.Equal(8, new ScrollLifetimeEstimate(TimeSpan.FromMinutes(5)).InterleaveAllowance(Slot));
        Assert.Equal(TimeSpan.FromSeconds(54), estimate.SafeGap);
    }

    [Fact]
    public void OneSlotLongerThanTheSafeGap_StillContinuesInTheNextSlot()
    {
        // At one request a minute a 60 s lifetime leaves 54 s of safe gap: the next slot is still the best try.
        Assert.Equal(0, new ScrollLifetimeEstimate(TimeSpan.FromSeconds(60)).InterleaveAllowance(TimeSpan.FromSeconds(60)));
    }

    [Fact]
    public void AnExpiry_LowersTheEstimateToThreeQuartersOfTheIdleGap()
    {
        var estimate = new ScrollLifetimeEstimate(TimeSpan.FromMinutes(5));

        estimate.OnExpired(TimeSpan.FromSeconds(200), Slot, T0);

        Assert.Equal(TimeSpan.FromSeconds(150), estimate.Current);
        Assert.Equal(1, estimate.Expiries);
        Assert.False(estimate.ContinuationGivenUp);
        Assert.Equal(3, estimate.InterleaveAllowance(Slot));
    }

    [Fact]
    public void NeverBelowOneSlot_AndASecondExpiryThereGivesUpContinuing()
    {
        var estimate = new ScrollLifetimeEstimate(TimeSpan.FromSeconds(60));

        estimate.OnExpired(TimeSpan.FromSeconds(30), Slot, T0);
        Assert.Equal(Slot, estimate.Current);
        Assert.False(estimate.ContinuationGivenUp);
        Assert.Equal(0, estimate.InterleaveAllowance(Slot));

        estimate.OnExpired(TimeSpan.FromSeconds(30), Slot, T0 + TimeSpan.FromMinutes(1));
        Assert.Equal(Slot, estimate.Current);
        Assert.True(estimate.ContinuationGivenUp);
        Assert.Equal(-1, estimate.InterleaveAllowance(Slot));
        Assert.True(estimate.IsPast(TimeSpan.Zero));
    }

    [Fact]
    public void AfterAnHourWithoutExpiry_TheConfiguredLifetimeIsTriedAgain()
    {
        var estimate = new ScrollLifetimeEstimate(TimeSpan.FromSeconds(60));
        estimate.OnExpired(TimeSpan.FromSeconds(30), Slot, T0);
        estimate.OnExpired(TimeSpan.FromSeconds(30), Slot, T0);
        estimate.Refresh(T0 + TimeSpan.FromMinutes(2));
        estimate.Continued();

        estimate.Refresh(T0 + TimeSpan.FromMinutes(59));
        Assert.Equal(Slot, estimate.Current);
        estimate.Refresh(T0 + TimeSpan.FromHours(1));

        Assert.Equal(TimeSpan.FromSeconds(60), estimate.Current);
        Assert.False(estimate.ContinuationGivenUp);
    }

    [Fact]
    public void GivenUp_IsTriedAgainAfterABackOffThatDoubles_NotAfterAnHour()
    {
        var estimate = new ScrollLifetimeEstimate(TimeSpan.FromSeconds(60));
        estimate.OnExpired(TimeSpan.FromSeconds(30), Slot, T0);
        estimate.OnExpired(TimeSpan.FromSeconds(30), Slot, T0);

        estimate.Refresh(T0 + TimeSpan.FromMinutes(2) - TimeSpan.FromSeconds(1));
        Assert.True(estimate.ContinuationGivenUp);
        estimate.Refresh(T0 + TimeSpan.FromMinutes(2));
        Assert.False(estimate.ContinuationGivenUp);
        Assert.Equal(0, estimate.InterleaveAllowance(Slot));

        // Still forgotten: one more expiry gives it up again, now for four minutes.
        var again = T0 + TimeSpan.FromMinutes(3);
        estimate.OnExpired(TimeSpan.FromSeconds(30), Slot, again);
        Assert.True(estimate.ContinuationGivenUp);
        estimate.Refresh(again + TimeSpan.FromMinutes(4) - TimeSpan.FromSeconds(1));
        Assert.True(estimate.ContinuationGivenUp);
        estimate.Refresh(again + TimeSpan.FromMinutes(4));
        Assert.False(estimate.ContinuationGivenUp);
    }

    [Fact]
    public void AnExpiryFarSoonerThanASlot_IsAFault_NotALifetime()
    {
        var estimate = new ScrollLifetimeEstimate(TimeSpan.FromSeconds(60));

        estimate.OnExpired(TimeSpan.FromSeconds(2), Slot, T0);
        estimate.OnExpired(TimeSpan.FromSeconds(2), Slot, T0);
        estimate.OnExpired(TimeSpan.FromSeconds(2), Slot, T0);

        Assert.Equal(TimeSpan.FromSeconds(60), estimate.Current);
        Assert.False(estimate.ContinuationGivenUp);
        Assert.Equal(3, estimate.Faults);
        Assert.Equal(3, estimate.Expiries);
    }

    [Fact]
    public void IsPast_ToleratesTimerJitterOnly()
    {
        var estimate = new ScrollLifetimeEstimate(TimeSpan.FromSeconds(60));

        Assert.False(estimate.IsPast(TimeSpan.FromSeconds(60.5)));
        Assert.True(estimate.IsPast(TimeSpan.FromSeconds(62)));
    }
}
