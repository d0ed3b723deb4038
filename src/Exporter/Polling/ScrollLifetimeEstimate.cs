using Vbrick.Exporter.Configuration;

namespace Vbrick.Exporter.Polling;

/// <summary>
/// The scroll lifetime the planner plans with. It starts at <c>Rev:ScrollLifetime</c>; a scroll
/// that expired after an idle gap proves the real lifetime shorter, so the estimate drops to three
/// quarters of that gap, never below one request slot. A scroll is continued within 90% of the
/// estimate, and always in the very next slot when that is all the estimate allows. A second expiry
/// at the one-slot floor means the tenant may forget scrolls faster than the budget can follow, so
/// continuing is given up (sweeps become samples) and tried again after a back-off of
/// <see cref="RetryBackoff"/> (2 minutes, doubling to an hour): a Rev that dropped its scrolls for a
/// while (a restart, a proxy) is swept again within minutes, a tenant whose lifetime really is
/// shorter than a slot costs a few wasted requests an hour. An expiry after an idle gap well under
/// a slot (<see cref="FaultGap"/>) is no evidence of a lifetime at all: nothing plausible forgets a
/// scroll that fast, so it is a fault and the estimate stays. After an hour without expiry the
/// configured value is tried again.
/// </summary>
public sealed class ScrollLifetimeEstimate(TimeSpan configured)
{
    public static readonly TimeSpan RelearnAfter = TimeSpan.FromHours(1);

    /// <summary>Waits between tries at continuing once it was given up.</summary>
    public static readonly Backoff RetryBackoff = new(TimeSpan.FromMinutes(2), TimeSpan.FromHours(1));

    /// <summary>Timer and network lateness tolerated before a scroll counts as idle past the estimate.</summary>
    private static readonly TimeSpan Jitter = TimeSpan.FromSeconds(1);

    private DateTimeOffset? _learnedAt;
    private DateTimeOffset? _retryAt;
    private bool _floorExpired;
    private int _givenUp;

    public TimeSpan Configured { get; } = configured;

    public TimeSpan Current { get; private set; } = configured;

    /// <summary>Expiries seen since start-up.</summary>
    public int Expiries { get; private set; }

    /// <summary>Expiries after an idle gap too short to be a lifetime: counted, not learned from.</summary>
    public int Faults { get; private set; }

    /// <summary>True when scrolls expire even when continued in the next slot: only first pages are worth sending until the next try.</summary>
    public bool ContinuationGivenUp { get; private set; }

    /// <summary>The longest idle gap a scroll may be left with.</summary>
    public TimeSpan SafeGap => Current * 0.9;

    /// <summary>An expiry after less idle time than this share of a slot is a fault, not a lifetime.</summary>
    public static TimeSpan FaultGap(TimeSpan slot) => slot / 2;

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
        if (idleGap < FaultGap(slot))
        {
            Faults++;
            return;
        }

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
            _givenUp++;
            _retryAt = now + RetryBackoff.After(_givenUp);
        }

        _floorExpired = true;
    }

    /// <summary>A continuation was served: the lifetime held, so a later give-up starts its back-off afresh.</summary>
    public void Continued()
    {
        _givenUp = 0;
        _floorExpired = false;
    }

    /// <summary>Whether a scroll left idle this long is past the lifetime assumed now: continuing it would waste a request.</summary>
    public bool IsPast(TimeSpan idle) => ContinuationGivenUp || idle > Current + Jitter;

    /// <summary>
    /// Tries continuing again once its back-off has passed (one more expiry at the floor gives it up
    /// again, for twice as long), and goes back to the configured lifetime once the learned one has
    /// held for <see cref="RelearnAfter"/>.
    /// </summary>
    public void Refresh(DateTimeOffset now)
    {
        if (ContinuationGivenUp && _retryAt is { } retry && now >= retry)
        {
            ContinuationGivenUp = false;
            _floorExpired = true;
            _retryAt = null;
        }

        if (_learnedAt is { } at && now - at >= RelearnAfter)
        {
            Current = Configured;
            ContinuationGivenUp = false;
            _floorExpired = false;
            _learnedAt = null;
            _retryAt = null;
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
