namespace Vbrick.Exporter.Polling;

/// <summary>
/// The scroll lifetime the scheduler plans with. It starts at <c>Rev:ScrollLifetime</c>; a scroll
/// that expired after an idle gap proves the real lifetime shorter, so the estimate drops to three
/// quarters of that gap, never below one request slot. A scroll is continued within 90% of the
/// estimate, and always in the very next slot when that is all the estimate allows: the 10% margin
/// is for jitter, and a continuation in the next slot is the best any schedule can do. A second
/// expiry at the one-slot floor means the tenant forgets scrolls faster than the budget can follow
/// them, so continuing is given up (sweeps become samples). After an hour without expiry the
/// configured value is tried again, so a tenant whose lifetime is really shorter costs about one
/// wasted request an hour.
/// </summary>
public sealed class ScrollLifetimeEstimate(TimeSpan configured)
{
    public static readonly TimeSpan RelearnAfter = TimeSpan.FromHours(1);

    /// <summary>Timer and network lateness tolerated before a scroll counts as idle past the estimate.</summary>
    private static readonly TimeSpan Jitter = TimeSpan.FromSeconds(1);

    private DateTimeOffset? _learnedAt;
    private bool _floorExpired;

    public TimeSpan Configured { get; } = configured;

    public TimeSpan Current { get; private set; } = configured;

    /// <summary>Expiries seen since start-up.</summary>
    public int Expiries { get; private set; }

    /// <summary>True when scrolls expire even when continued in the next slot: only first pages are worth sending.</summary>
    public bool ContinuationGivenUp { get; private set; }

    /// <summary>The longest idle gap a scroll may be left with.</summary>
    public TimeSpan SafeGap => Current * 0.9;

    /// <summary>
    /// How many other requests fit between two pages of one scroll at this slot length: 0 means the
    /// next slot must continue it, -1 that continuing has been given up.
    /// </summary>
    public int InterleaveAllowance(TimeSpan slot)
    {
        if (ContinuationGivenUp)
        {
            return -1;
        }

        return slot <= TimeSpan.Zero ? int.MaxValue : Math.Max(0, (int)Math.Floor(SafeGap / slot) - 1);
    }

    public void OnExpired(TimeSpan idleGap, TimeSpan slot, DateTimeOffset now)
    {
        Expiries++;
        _learnedAt = now;
        var learned = Min(Current, idleGap) * 0.75;
        if (learned > slot)
        {
            Current = learned;
            return;
        }

        // One expiry at the shortest gap may be chance (Rev restarted, a proxy dropped state), so
        // the next slot is tried once more before continuing is given up.
        Current = slot;
        if (_floorExpired && idleGap <= slot * 1.5)
        {
            ContinuationGivenUp = true;
        }

        _floorExpired = true;
    }

    /// <summary>Whether a scroll left idle this long is past the lifetime assumed now: continuing it would waste a request.</summary>
    public bool IsPast(TimeSpan idle) => ContinuationGivenUp || idle > Current + Jitter;

    /// <summary>Goes back to the configured lifetime once the learned one has held for <see cref="RelearnAfter"/>.</summary>
    public void Refresh(DateTimeOffset now)
    {
        if (_learnedAt is { } at && now - at >= RelearnAfter)
        {
            Current = Configured;
            ContinuationGivenUp = false;
            _floorExpired = false;
            _learnedAt = null;
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
