namespace Vbrick.Rev.Simulator.Faults;

/// <summary>The queue of faults tests arm; each matching request takes the first fault that fits.</summary>
public sealed class FaultPlan
{
    private readonly Lock _gate = new();
    private readonly List<(Fault Fault, int Left, int Skip)> _faults = [];

    public void Add(Fault fault)
    {
        lock (_gate)
        {
            _faults.Add((fault, fault.Times, fault.Skip));
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _faults.Clear();
        }
    }

    public int Pending
    {
        get
        {
            lock (_gate)
            {
                return _faults.Count;
            }
        }
    }

    public Fault? Take(FaultTarget target, bool isContinuation, string? eventId = null)
    {
        lock (_gate)
        {
            for (var i = 0; i < _faults.Count; i++)
            {
                var (fault, left, skip) = _faults[i];
                if (fault.Target != target || (fault.OnlyContinuation && !isContinuation)
                    || (fault.EventId is not null && !string.Equals(fault.EventId, eventId, StringComparison.OrdinalIgnoreCase)))
                {
                    continue;
                }

                if (skip > 0)
                {
                    _faults[i] = (fault, left, skip - 1);
                    return null;
                }

                if (left <= 1)
                {
                    _faults.RemoveAt(i);
                }
                else
                {
                    _faults[i] = (fault, left - 1, 0);
                }

                return fault;
            }

            return null;
        }
    }
}
