namespace Vbrick.Exporter.Budget;

public static class RequestFamilyExtensions
{
    /// <summary>The <c>family</c> label value.</summary>
    public static string Label(this RequestFamily family) => family switch
    {
        RequestFamily.RealtimeAttendees => "realtime_attendees",
        RequestFamily.Get => "get",
        RequestFamily.Post => "post",
        RequestFamily.Reports => "reports",
    };
}
