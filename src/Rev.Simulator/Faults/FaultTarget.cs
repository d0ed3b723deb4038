namespace Vbrick.Rev.Simulator.Faults;

public enum FaultTarget
{
    Authenticate,
    ExtendSession,
    EventStatus,
    RealtimeAttendees,
    ListEvents,
    PostEventReport,
    DeprecatedReport,
    PollResults,
    Comments,
    Zones,
    UserSession,
}
