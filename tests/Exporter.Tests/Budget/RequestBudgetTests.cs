using Vbrick.Exporter.Budget;

namespace Vbrick.Exporter.Tests.Budget;

public sealed class RequestBudgetTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void TryAcquire_TwoPerMinute_SpacesRequestsThirtySecondsApart()
    {
        var budget = new RequestBudget(RequestFamily.RealtimeAttendees, 2);

        Assert.True(budget.TryAcquire(T0));
        Assert.False(budget.TryAcquire(T0.AddSeconds(29.9)));
        Assert.True(budget.TryAcquire(T0.AddSeconds(30)));
    }

    // Rev counts arrivals: the first request waited 2.5 s for a sign-in after its grant. Without
    // Sent, the third request (granted at 60 s) reached Rev 57.5 s after the first and was refused.
    [Fact]
    public void Sent_LateAfterItsGrant_PushesTheNextSlotAFullSlotAfterTheWire()
    {
        var budget = new RequestBudget(RequestFamily.RealtimeAttendees, 2);
        var arrivals = new List<DateTimeOffset>();

        Assert.True(budget.TryAcquire(T0));
        budget.Answered(T0.AddSeconds(2.5));
        arrivals.Add(T0.AddSeconds(2.5));
        Assert.False(budget.TryAcquire(T0.AddSeconds(30)));
        for (var t = T0.AddSeconds(30); t < T0.AddMinutes(5); t = t.AddMilliseconds(100))
        {
            if (budget.TryAcquire(t))
            {
                budget.Answered(t);
                arrivals.Add(t);
            }
        }

        Assert.Equal(T0.AddSeconds(32.5), arrivals[1]);
        for (var i = 2; i < arrivals.Count; i++)
        {
            Assert.True(arrivals[i] - arrivals[i - 2] >= TimeSpan.FromSeconds(60), $"arrivals {i - 2} and {i} are {(arrivals[i] - arrivals[i - 2]).TotalSeconds} s apart");
        }

        // A request sent at once after its grant changes nothing.
        var onTime = new RequestBudget(RequestFamily.RealtimeAttendees, 2);
        Assert.True(onTime.TryAcquire(T0));
        onTime.Answered(T0);
        Assert.True(onTime.TryAcquire(T0.AddSeconds(30)));
    }

    [Fact]
    public void TryAcquire_PolledEveryTenthOfASecondForAnHour_NeverExceedsTheLimitInAnyMinute()
    {
        var budget = new RequestBudget(RequestFamily.RealtimeAttendees, 2);
        var granted = new List<DateTimeOffset>();

        for (var t = T0; t < T0.AddHours(1); t = t.AddMilliseconds(100))
        {
            if (budget.TryAcquire(t))
            {
                granted.Add(t);
            }
        }

        Assert.Equal(120, granted.Count);
        for (var i = 2; i < granted.Count; i++)
        {
            Assert.True(granted[i] - granted[i - 2] >= TimeSpan.FromMinutes(1));
        }
    }

    [Fact]
    public void OnRateLimited_WithRetryAfter_PausesForRetryAfterAndHalvesTheRate()
    {
        var budget = new RequestBudget(RequestFamily.RealtimeAttendees, 2);
        budget.TryAcquire(T0);

        budget.OnRateLimited(T0, TimeSpan.FromSeconds(90));

        Assert.Equal(1, budget.EffectivePerMinute);
        Assert.False(budget.TryAcquire(T0.AddSeconds(89)));
        Assert.True(budget.TryAcquire(T0.AddSeconds(90)));
    }

    [Fact]
    public void OnRateLimited_WithoutRetryAfter_PausesSixtySeconds()
    {
        var budget = new RequestBudget(RequestFamily.RealtimeAttendees, 2);
        budget.TryAcquire(T0);

        budget.OnRateLimited(T0, null);

        Assert.False(budget.TryAcquire(T0.AddSeconds(59)));
        Assert.True(budget.TryAcquire(T0.AddSeconds(60)));
    }

    [Fact]
    public void OnRateLimited_ShortRetryAfter_StillRespectsTheLoweredSpacing()
    {
        var budget = new RequestBudget(RequestFamily.RealtimeAttendees, 2);

        budget.OnRateLimited(T0, TimeSpan.FromSeconds(1));

        Assert.False(budget.TryAcquire(T0.AddSeconds(30)));
        Assert.True(budget.TryAcquire(T0.AddSeconds(60)));
    }

    [Fact]
    public void OnSuccess_AfterRateLimit_RateComesBackGradually()
    {
        var budget = new RequestBudget(RequestFamily.RealtimeAttendees, 2);
        budget.OnRateLimited(T0, null);
        var rates = new List<double> { budget.EffectivePerMinute };

        for (var i = 1; i <= 12; i++)
        {
            budget.OnSuccess(T0.AddMinutes(i));
            rates.Add(budget.EffectivePerMinute);
        }

        for (var i = 0; i < 4; i++)
        {
            budget.OnSuccess(T0.AddHours(3));
        }

        Assert.Equal(1, rates[0]);
        Assert.Equal(1.25, rates[1]);
        Assert.Equal(1.5, rates[^1]);
        Assert.Equal(rates.Order(), rates);
        Assert.Equal(2, budget.EffectivePerMinute);
    }

    [Fact]
    public void OnRateLimited_Repeatedly_NeverDropsBelowAnEighthOfTheLimitAndHoldsHalfTheLimitAsCeiling()
    {
        var budget = new RequestBudget(RequestFamily.RealtimeAttendees, 2);

        for (var i = 0; i < 20; i++)
        {
            budget.OnRateLimited(T0, null);
        }

        Assert.Equal(0.25, budget.EffectivePerMinute);
        for (var i = 0; i < 10; i++)
        {
            budget.OnSuccess(T0.AddMinutes(29));
        }

        Assert.Equal(1, budget.EffectivePerMinute);
        budget.OnSuccess(T0.AddMinutes(30));
        Assert.Equal(1.25, budget.EffectivePerMinute);
    }
}
