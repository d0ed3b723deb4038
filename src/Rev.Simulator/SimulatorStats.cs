using Vbrick.Rev.Simulator.Faults;

namespace Vbrick.Rev.Simulator;

/// <summary>What the simulated tenant saw: tests assert budgets and retries against it.</summary>
public sealed class SimulatorStats
{
    private readonly Lock _gate = new();
    private readonly Dictionary<FaultTarget, int> _requests = [];
    private readonly List<DateTimeOffset> _realtimeRequests = [];
    private int _rateLimited;
    private int _scrollsExpired;
    private string? _lastUserAgent;

    /// <summary>The User-Agent of the latest sign-in.</summary>
    public string? LastUserAgent => Volatile.Read(ref _lastUserAgent);

    internal void RecordUserAgent(string userAgent) => Volatile.Write(ref _lastUserAgent, userAgent);
    private readonly List<(int Run, DateTimeOffset At)> _realtimeRuns = [];

    /// <summary>The <c>runNumber</c> of every real-time request, with when it arrived.</summary>
    public IReadOnlyList<(int Run, DateTimeOffset At)> RealtimeRuns
    {
        get
        {
            lock (_gate)
            {
                return [.. _realtimeRuns];
            }
        }
    }

    private readonly List<(string EventId, DateTimeOffset At)> _realtimeByEvent = [];

    internal void RecordRealtimeRun(string eventId, int run, DateTimeOffset at)
    {
        lock (_gate)
        {
            _realtimeRuns.Add((run, at));
            _realtimeByEvent.Add((eventId, at));
        }
    }

    /// <summary>When each real-time request for <paramref name="eventId"/> arrived (answered or not).</summary>
    public IReadOnlyList<DateTimeOffset> RealtimeRequestTimesOf(string eventId)
    {
        lock (_gate)
        {
            return [.. _realtimeByEvent.Where(r => string.Equals(r.EventId, eventId, StringComparison.OrdinalIgnoreCase)).Select(r => r.At)];
        }
    }

    public int Requests(FaultTarget target)
    {
        lock (_gate)
        {
            return _requests.GetValueOrDefault(target);
        }
    }

    public int RateLimited
    {
        get
        {
            lock (_gate)
            {
                return _rateLimited;
            }
        }
    }

    /// <summary>Continuations refused because the scroll had expired (or was never issued).</summary>
    public int ScrollsExpired
    {
        get
        {
            lock (_gate)
            {
                return _scrollsExpired;
            }
        }
    }

    public IReadOnlyList<DateTimeOffset> RealtimeRequestTimes
    {
        get
        {
            lock (_gate)
            {
                return [.. _realtimeRequests];
            }
        }
    }

    /// <summary>The most real-time requests that fell into any 60-second window.</summary>
    public int MaxRealtimeRequestsInAnyMinute()
    {
        var times = RealtimeRequestTimes;
        var max = 0;
        for (int start = 0, end = 0; end < times.Count; end++)
        {
            while (times[end] - times[start] >= TimeSpan.FromMinutes(1))
            {
                start++;
            }

            max = Math.Max(max, end - start + 1);
        }

        return max;
    }

    internal void Record(FaultTarget target, DateTimeOffset at)
    {
        lock (_gate)
        {
            _requests[target] = _requests.GetValueOrDefault(target) + 1;
            if (target == FaultTarget.RealtimeAttendees)
            {
                _realtimeRequests.Add(at);
            }
        }
    }

    internal void RecordScrollExpired()
    {
        lock (_gate)
        {
            _scrollsExpired++;
        }
    }

    internal void RecordRateLimited()
    {
        lock (_gate)
        {
            _rateLimited++;
        }
    }
}
