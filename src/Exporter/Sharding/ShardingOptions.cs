using System.Globalization;
using Microsoft.Extensions.Options;
using Vbrick.Exporter.Configuration;

namespace Vbrick.Exporter.Sharding;

/// <summary>
/// Scale-out (section <c>Sharding</c>): N replicas split the events by a stable hash of the event
/// id, with no coordination service. A replica's index comes from <c>Sharding:Index</c>, else from
/// the ordinal at the end of a StatefulSet pod name (<c>POD_NAME</c>, else <c>HOSTNAME</c>).
/// </summary>
public sealed class ShardingOptions
{
    public const string SectionName = "Sharding";

    public int Replicas { get; set; } = 1;

    public int? Index { get; set; }

    /// <summary>
    /// Share of each configured Rev limit this replica may use. Replicas on one account share its
    /// budget, so the default is 1 / Replicas; replicas with their own accounts set 1.
    /// </summary>
    public double? BudgetShare { get; set; }

    /// <summary>The pod name the index was read from, if it was.</summary>
    internal string? IndexSource { get; set; }

    public double EffectiveBudgetShare => BudgetShare ?? 1.0 / Replicas;

    public int EffectiveIndex => Index ?? 0;
}

/// <summary>Reads the replica index from a StatefulSet pod name (<c>exporter-2</c> is index 2) when none is configured.</summary>
internal sealed class ShardingIndexFromPodName(IConfiguration configuration) : IPostConfigureOptions<ShardingOptions>
{
    public void PostConfigure(string? name, ShardingOptions options)
    {
        if (options.Index is not null || options.Replicas <= 1)
        {
            return;
        }

        var podName = configuration["POD_NAME"] ?? configuration["HOSTNAME"];
        if (TryReadOrdinal(podName, out var ordinal))
        {
            options.Index = ordinal;
            options.IndexSource = podName;
        }
    }

    public static bool TryReadOrdinal(string? podName, out int ordinal)
    {
        ordinal = 0;
        var dash = podName?.LastIndexOf('-') ?? -1;
        return dash > 0
            && int.TryParse(podName.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out ordinal);
    }
}

internal sealed class ShardingOptionsCustomValidator : OptionsRules<ShardingOptions>
{
    protected override void Check(ShardingOptions options, List<string> failures)
    {
        if (options.Replicas is < 1 or > 1_000)
        {
            failures.Add($"Sharding:Replicas must be between 1 and 1000 (got {options.Replicas}).");
        }
        else if (options.Index is null && options.Replicas > 1)
        {
            failures.Add("Sharding:Index is required when Sharding:Replicas is above 1 (or run as a StatefulSet pod whose name ends in -<ordinal>, exposed as POD_NAME or HOSTNAME).");
        }
        else if (options.Index is { } index && (index < 0 || index >= options.Replicas))
        {
            failures.Add($"Sharding:Index must be between 0 and Sharding:Replicas - 1 = {options.Replicas - 1} (got {index}{(options.IndexSource is null ? string.Empty : " from the pod name")}).");
        }

        if (options.BudgetShare is { } share && (!double.IsFinite(share) || share <= 0 || share > 1))
        {
            failures.Add($"Sharding:BudgetShare must be above 0 and at most 1 (got {share}).");
        }
    }
}
