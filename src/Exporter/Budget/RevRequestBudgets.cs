using Vbrick.Exporter.Sharding;

namespace Vbrick.Exporter.Budget;

/// <summary>The exporter's budgets for its one Rev account, one per request family.</summary>
public sealed class RevRequestBudgets
{
    private readonly Dictionary<RequestFamily, RequestBudget> _budgets;
    private readonly IBudgetObserver _observer;

    public RevRequestBudgets(RevRateLimitOptions limits, ShardAssignment shard, IBudgetObserver observer)
    {
        _observer = observer;

        // Rev's limits are per account: replicas sharing one take their share of each.
        var share = shard.BudgetShare;
        _budgets = new()
        {
            [RequestFamily.RealtimeAttendees] = new(RequestFamily.RealtimeAttendees, limits.RealtimeAttendeesPerMinute * share),
            [RequestFamily.Get] = new(RequestFamily.Get, limits.GetPerMinute * share),
            [RequestFamily.Post] = new(RequestFamily.Post, limits.PostPerMinute * share),
            [RequestFamily.Reports] = new(RequestFamily.Reports, limits.ReportsPerMinute * share),
        };
        observer.ShareAssigned(share, shard.Index, shard.Replicas);
        foreach (var budget in _budgets.Values)
        {
            Report(budget);
        }
    }

    public RequestBudget this[RequestFamily family] => _budgets[family];

    public bool TryAcquire(RequestFamily family, DateTimeOffset now)
    {
        var budget = _budgets[family];
        if (!budget.TryAcquire(now))
        {
            return false;
        }

        _observer.Granted(family);
        return true;
    }

    /// <summary>Waits for the family's next slot and takes it; for rare requests that must go (sign-in).</summary>
    public async Task WaitForSlotAsync(RequestFamily family, TimeProvider time, CancellationToken cancellationToken)
    {
        while (!TryAcquire(family, time.GetUtcNow()))
        {
            var wait = _budgets[family].NextAllowedAt - time.GetUtcNow();
            await ClockWait.DelayAsync(wait, time, cancellationToken);
        }
    }

    public void OnRateLimited(RequestFamily family, DateTimeOffset now, TimeSpan? retryAfter)
    {
        var budget = _budgets[family];
        budget.OnRateLimited(now, retryAfter);
        Report(budget);
    }

    public void OnSuccess(RequestFamily family, DateTimeOffset now)
    {
        var budget = _budgets[family];
        budget.OnSuccess(now);
        Report(budget);
    }

    /// <summary>A due request of <paramref name="family"/> waited this long for its slot.</summary>
    public void RecordWait(RequestFamily family, TimeSpan wait) => _observer.Waited(family, wait);

    private void Report(RequestBudget budget) => _observer.LimitsChanged(budget.Family, budget.LimitPerMinute, budget.EffectivePerMinute);
}
