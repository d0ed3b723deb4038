using Microsoft.Extensions.Time.Testing;

namespace Vbrick.Exporter.Tests.Support;

/// <summary>
/// A fake clock that knows its pending timers, so a driver can tell "everything is waiting on time"
/// from "something is still working". A timer whose state is a <see cref="CancellationTokenSource"/>
/// is a deadline (a timeout guarding other work); any other is a wait (<c>Task.Delay</c>, a retry's
/// back-off): a flow that made one is blocked on it, because the code under test waits in sequence.
/// That state is a .NET implementation detail, pinned by
/// <c>FakeTimeDriverTests.TheClock_TellsDeadlinesFromWaits_ForEveryTimerTheExporterMakes</c>.
/// </summary>
public sealed class DrivenClock(DateTimeOffset start) : FakeTimeProvider(start)
{
    private readonly Lock _gate = new();

    /// <summary>Held while a timer is armed or the clock moves; re-entered by timers armed from callbacks the move runs.</summary>
    private readonly Lock _clockGate = new();
    private readonly HashSet<TrackedTimer> _pending = [];
    private long _deadlinesFired;

    /// <summary>Raised whenever a timer is armed, fires, changes or is disposed.</summary>
    public event Action? Changed;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var tracked = new TrackedTimer(this, state is CancellationTokenSource, state?.GetType().Name ?? "no state");

        // Under the clock's gate, so the time it is armed from is the time the fake timer uses:
        // an advance between the two would leave it listed as due before it really is.
        lock (_clockGate)
        {
            // Armed before the inner timer exists: a zero due time fires inside base.CreateTimer.
            tracked.Arm(dueTime, period);
            var inner = base.CreateTimer(
                s =>
                {
                    tracked.Fired();
                    callback(s);
                },
                state,
                dueTime,
                period);
            tracked.Attach(inner);
        }

        return tracked;
    }

    /// <summary>Moves the clock; never while a timer is being armed (see <see cref="CreateTimer"/>).</summary>
    public new void Advance(TimeSpan delta)
    {
        lock (_clockGate)
        {
            base.Advance(delta);
        }
    }

    /// <summary>How many deadlines have fired: each one cuts short whatever it guards.</summary>
    public long DeadlinesFired => Interlocked.Read(ref _deadlinesFired);

    /// <summary>True when at least one wait (not a deadline) is pending.</summary>
    public bool HasPendingWait
    {
        get
        {
            lock (_gate)
            {
                return _pending.Any(t => !t.IsDeadline);
            }
        }
    }

    /// <summary>When the earliest pending timer of any kind is due; null when none is.</summary>
    public DateTimeOffset? NextDue
    {
        get
        {
            lock (_gate)
            {
                return _pending.Count == 0 ? null : _pending.Min(t => t.DueAt);
            }
        }
    }

    /// <summary>What is pending, for a failure message.</summary>
    public string Describe()
    {
        lock (_gate)
        {
            var now = GetUtcNow();
            return _pending.Count == 0
                ? "no timers"
                : string.Join(", ", _pending.Select(t => $"{(t.IsDeadline ? "deadline" : "wait")} ({t.Owner}) in {(t.DueAt - now).TotalSeconds:0.###} s"));
        }
    }

    private void Update(TrackedTimer timer, DateTimeOffset? dueAt)
    {
        lock (_gate)
        {
            if (dueAt is { } due)
            {
                timer.DueAt = due;
                _pending.Add(timer);
            }
            else
            {
                _pending.Remove(timer);
            }
        }

        Changed?.Invoke();
    }

    private sealed class TrackedTimer(DrivenClock clock, bool isDeadline, string owner) : ITimer
    {
        public string Owner { get; } = owner;

        private ITimer? _inner;
        private TimeSpan _period = Timeout.InfiniteTimeSpan;

        public bool IsDeadline { get; } = isDeadline;

        public DateTimeOffset DueAt { get; set; }

        public void Arm(TimeSpan dueTime, TimeSpan period)
        {
            _period = period;
            clock.Update(this, dueTime == Timeout.InfiniteTimeSpan ? null : clock.GetUtcNow() + dueTime);
        }

        public void Attach(ITimer inner) => _inner = inner;

        public void Fired()
        {
            if (IsDeadline)
            {
                Interlocked.Increment(ref clock._deadlinesFired);
            }

            clock.Update(this, _period == Timeout.InfiniteTimeSpan || _period == TimeSpan.Zero ? null : clock.GetUtcNow() + _period);
        }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (clock._clockGate)
            {
                Arm(dueTime, period);
                return _inner?.Change(dueTime, period) ?? false;
            }
        }

        public void Dispose()
        {
            clock.Update(this, null);
            _inner?.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
