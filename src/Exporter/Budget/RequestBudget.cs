
namespace Vbrick.Exporter.Budget;

/// <summary>
/// One Rev request family's per-account budget. Requests are spaced evenly (60 s / rate), which
/// keeps any 60-second window at or under the limit and never bursts at start-up. A 429 pauses the
/// family for Retry-After (else 60 s) and halves the rate; each success then wins back an eighth of
/// the limit, up to a ceiling of three quarters of the refused rate (never below half the limit).
/// The ceiling holds for 30 minutes after the last 429, then the full limit is tried again: a limit
/// lower than configured (another agent sharing the account) costs one 429 per half hour at most.
/// </summary>
public sealed class RequestBudget(RequestFamily family, double limitPerMinute)
{
    public static readonly TimeSpan DefaultPause = TimeSpan.FromSeconds(60);

    private static readonly TimeSpan CeilingHold = TimeSpan.FromMinutes(30);

    private readonly double _floor = limitPerMinute / 8;
    private DateTimeOffset _nextAllowed = DateTimeOffset.MinValue;
    private double _ceilingAtRefusal = limitPerMinute;
    private DateTimeOffset _refusedAt = DateTimeOffset.MinValue;

    public RequestFamily Family { get; } = family;

    public double LimitPerMinute { get; } = limitPerMinute;

    public double EffectivePerMinute { get; private set; } = limitPerMinute;

    public DateTimeOffset NextAllowedAt => _nextAllowed;

    /// <summary>Takes a slot if one is free at <paramref name="now"/>; a granted request counts even if Rev refuses it.</summary>
    public bool TryAcquire(DateTimeOffset now)
    {
        if (now < _nextAllowed)
        {
            return false;
        }

        _nextAllowed = now + Spacing;
        return true;
    }

    /// <summary>
    /// Rev answered the granted request at <paramref name="now"/>, the latest moment it can have
    /// counted it: the next slot is a full slot after that, however long the request waited (a
    /// sign-in, a slow connection) between its grant and Rev.
    /// </summary>
    public void Answered(DateTimeOffset now)
    {
        if (now + Spacing > _nextAllowed)
        {
            _nextAllowed = now + Spacing;
        }
    }

    public void OnRateLimited(DateTimeOffset now, TimeSpan? retryAfter)
    {
        _ceilingAtRefusal = Math.Max(LimitPerMinute / 2, Math.Min(Ceiling(now), EffectivePerMinute) * 0.75);
        _refusedAt = now;
        EffectivePerMinute = Math.Max(_floor, EffectivePerMinute / 2);
        var resume = now + (retryAfter ?? DefaultPause);
        _nextAllowed = resume > now + Spacing ? resume : now + Spacing;
    }

    public void OnSuccess(DateTimeOffset now) => EffectivePerMinute = Math.Min(Ceiling(now), EffectivePerMinute + _floor);

    private double Ceiling(DateTimeOffset now) =>
        _refusedAt == DateTimeOffset.MinValue || now - _refusedAt >= CeilingHold ? LimitPerMinute : _ceilingAtRefusal;

    /// <summary>Time between two requests at the current rate: one request slot.</summary>
    public TimeSpan Slot => Spacing;

    private TimeSpan Spacing => TimeSpan.FromMinutes(1 / EffectivePerMinute);
}
