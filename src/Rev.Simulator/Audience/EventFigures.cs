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
        long total = 0, hosts = 0, moderators = 0, attendees = 0, online = 0, buffering = 0;
        double rebufferDuration = 0, errors = 0, failovers = 0;
        foreach (var record in records)
        {
            total++;
            if (!record.IsOnline)
            {
                continue;
            }

            online++;
            switch (record.AttendeeType)
            {
                case "Host": hosts++; break;
                case "Moderator": moderators++; break;
                default: attendees++; break;
            }

            if (record.BufferingCount > 0)
            {
                buffering++;
                rebufferDuration += record.BufferingSeconds / record.BufferingCount;
            }

            errors += record.Errors;
            failovers += record.MulticastFailovers;
        }

        return new EventFigures(
            total,
            hosts,
            moderators,
            attendees,
            online == 0 ? 0 : (int)Math.Round(100.0 * buffering / online),
            buffering == 0 ? 0 : Math.Round(rebufferDuration / buffering, 3),
            online == 0 ? 0 : Math.Round(errors / online, 4),
            online == 0 ? 0 : Math.Round(failovers / online, 4));
    }
}
