namespace Vbrick.Rev.Simulator.Audience;

/// <summary>The event-wide figures Rev puts on every real-time page, computed from the records.</summary>
public sealed record EventFigures(
    long Total,
    long HostCount,
    long ModeratorCount,
    long AttendeeCount,
    int RebufferingPercentage,
    double AverageRebufferDuration,
    double ErrorsPerAttendee,
    double MulticastErrorsPerAttendee)
{
    public static EventFigures From(IEnumerable<ViewerRecord> records)
    {
        var builder = new Builder();
        foreach (var r in records)
        {
            builder.Add(r.AttendeeType, r.IsOnline, r.BufferingCount, r.BufferingSeconds, r.Errors, r.MulticastFailovers);
        }

        return builder.Build();
    }

    /// <summary>Accumulates the figures viewer by viewer.</summary>
    public sealed class Builder(bool rolesOverAllSessions = false)
    {
        private long _total, _hosts, _moderators, _attendees, _online, _buffering;
        private double _rebufferDuration, _errors, _failovers;

        public void Add(string attendeeType, bool online, double bufferingCount, double bufferingSeconds, double errors, double failovers)
        {
            _total++;
            if (online || rolesOverAllSessions)
            {
                switch (attendeeType)
                {
                    case "Host": _hosts++; break;
                    case "Moderator": _moderators++; break;
                    default: _attendees++; break;
                }
            }

            if (!online)
            {
                return;
            }

            _online++;

            if (bufferingCount > 0)
            {
                _buffering++;
                _rebufferDuration += bufferingSeconds / bufferingCount;
            }

            _errors += errors;
            _failovers += failovers;
        }

        public EventFigures Build() => new(
            _total,
            _hosts,
            _moderators,
            _attendees,
            _online == 0 ? 0 : (int)Math.Round(100.0 * _buffering / _online),
            _buffering == 0 ? 0 : Math.Round(_rebufferDuration / _buffering, 3),
            _online == 0 ? 0 : Math.Round(_errors / _online, 4),
            _online == 0 ? 0 : Math.Round(_failovers / _online, 4));
    }
}
