namespace Vbrick.Exporter.Budget;

/// <summary>
/// What the budgets report as they work; the metrics model implements it, so the budget code
/// depends on no metric library and names no label value.
/// </summary>
public interface IBudgetObserver
{
    /// <summary>The replica's share of the account's limits and its shard.</summary>
    void ShareAssigned(double share, int shardIndex, int replicas);

    /// <summary>A request of <paramref name="family"/> was allowed.</summary>
    void Granted(RequestFamily family);

    /// <summary>The family's configured and currently allowed rates, per minute.</summary>
    void LimitsChanged(RequestFamily family, double limitPerMinute, double effectivePerMinute);

    /// <summary>A due request of <paramref name="family"/> waited this long for its slot.</summary>
    void Waited(RequestFamily family, TimeSpan wait);
}
