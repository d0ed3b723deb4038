namespace Vbrick.Rev.Simulator.Audience;

/// <summary>One session of the simulated post-event report, with the numbers behind its text fields.</summary>
public sealed record ReportSession(
    ViewerRecord Viewer,
    string DeviceType,
    double ViewingSeconds,
    double SessionSeconds,
    string ViewingText,
    string SessionText,
    bool ViewingUnparsable,
    double RebufferEvents);
