using Vbrick.Exporter.Budget;

namespace Vbrick.Exporter.Rev;

/// <summary>
/// The Rev endpoints the exporter calls, with the label value used in self-metrics. A
/// <see cref="SingleAttempt"/> endpoint is never retried by the resilience pipeline: a real-time
/// retry would spend Rev's scarcest budget, and a status check is repeated at its own cadence (a
/// retry of a hung one would only hold the polling loop longer).
/// </summary>
public sealed record RevEndpoint(string Name, RequestFamily Family, bool SingleAttempt = false)
{
    public static readonly RevEndpoint Authenticate = new("authenticate", RequestFamily.Post);
    public static readonly RevEndpoint ExtendSession = new("extend_session", RequestFamily.Post);
    public static readonly RevEndpoint EventStatus = new("event_status", RequestFamily.Get, SingleAttempt: true);
    public static readonly RevEndpoint RealtimeAttendees = new("realtime_attendees", RequestFamily.RealtimeAttendees, SingleAttempt: true);
    public static readonly RevEndpoint ListEvents = new("list_events", RequestFamily.Get);
    public static readonly RevEndpoint PostEventReport = new("post_event_report", RequestFamily.Reports);
    public static readonly RevEndpoint DeprecatedReport = new("deprecated_report", RequestFamily.Reports);
    public static readonly RevEndpoint PollResults = new("poll_results", RequestFamily.Reports);
    public static readonly RevEndpoint Comments = new("comments", RequestFamily.Reports);
    public static readonly RevEndpoint Zones = new("zones", RequestFamily.Get);
    public static readonly RevEndpoint UserSession = new("user_session", RequestFamily.Get);

    /// <summary>Every endpoint, so the metrics can start each one's series at 0.</summary>
    public static readonly IReadOnlyList<RevEndpoint> All =
        [Authenticate, ExtendSession, EventStatus, RealtimeAttendees, ListEvents, PostEventReport, DeprecatedReport, PollResults, Comments, Zones, UserSession];
}
