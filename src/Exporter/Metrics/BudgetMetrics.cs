using System.Globalization;
using Prometheus;
using Vbrick.Exporter.Budget;

namespace Vbrick.Exporter.Metrics;

/// <summary>The request budget's instruments: limits, grants, waits and this replica's share of the account.</summary>
public sealed class BudgetMetrics : IBudgetObserver
{
    private readonly Gauge _limit;
    private readonly Gauge _effective;
    private readonly Counter _granted;
    private readonly ExporterHistogram _wait;
    private readonly Gauge _share;
    private readonly Gauge _shardInfo;

    internal BudgetMetrics(FamilyFactory f)
    {
        _limit = f.CreateGauge("vbrick_exporter_budget_limit_per_minute", "This replica's share of the configured Rev request limit, by family (the whole limit without sharding).", "family");
        _effective = f.CreateGauge("vbrick_exporter_budget_effective_per_minute", "Request rate the exporter currently allows itself, by family (lowered after a 429).", "family");
        _granted = f.CreateCounter("vbrick_exporter_budget_requests_total", "Requests the budget allowed, by family (a request answered 429 still counts).", "family");
        _wait = f.CreateHistogram("vbrick_exporter_budget_wait_seconds", "Time a due request waited for its budget, by family.", ["family"], [0.1, 1, 5, 15, 30, 60, 120, 300, 600, 1800]);
        _share = f.CreateGauge("vbrick_exporter_budget_share_ratio", "Share of each configured Rev limit this replica uses (1 / replicas when replicas share an account).");
        _shardInfo = f.CreateGauge("vbrick_exporter_shard_info", "This replica's shard index and the number of replicas; always 1.", "shard", "replicas");
    }

    /// <summary>This replica's share of each limit, as published.</summary>
    internal double Share => _share.Value;

    public void ShareAssigned(double share, int shardIndex, int replicas)
    {
        _share.Set(share);
        _shardInfo.WithLabels(shardIndex.ToString(CultureInfo.InvariantCulture), replicas.ToString(CultureInfo.InvariantCulture)).Set(1);
    }

    public void Granted(RequestFamily family) => _granted.WithLabels(family.Label()).Inc();

    public void LimitsChanged(RequestFamily family, double limitPerMinute, double effectivePerMinute)
    {
        _limit.WithLabels(family.Label()).Set(limitPerMinute);
        _effective.WithLabels(family.Label()).Set(effectivePerMinute);
    }

    public void Waited(RequestFamily family, TimeSpan wait) => _wait.WithLabels(family.Label()).Observe(Math.Max(0, wait.TotalSeconds));

    /// <summary>Each family the budget has published, with its figures, in label order.</summary>
    internal IEnumerable<(string Family, double LimitPerMinute, double EffectivePerMinute, double Granted)> Families()
    {
        // Read, never created: a family nothing was granted to has no series yet, and must not get one here.
        var granted = _granted.GetAllLabelValues().ToDictionary(l => l[0], l => _granted.WithLabels(l).Value, StringComparer.Ordinal);
        return _limit.GetAllLabelValues()
            .Select(l => l[0])
            .Order(StringComparer.Ordinal)
            .Select(f => (f, _limit.WithLabels(f).Value, _effective.WithLabels(f).Value, granted.GetValueOrDefault(f)))
            .ToList();
    }
}
