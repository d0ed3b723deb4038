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
    double RebufferEvents)
{
    /// <summary>Viewing served inside the network (the report's <c>eCDNTime</c>), whole seconds.</summary>
    public double ECdnSeconds { get; init; }

    /// <summary>Viewing served over the internet (<c>publicCDNTime</c>), whole seconds.</summary>
    public double PublicCdnSeconds { get; init; }

    /// <summary>The report's <c>enteredDate</c>; null writes a value that is not a date.</summary>
    public DateTimeOffset? EnteredAt { get; init; }

    /// <summary>The report's <c>viewingStartTime</c>; null leaves it out (a session that never played).</summary>
    public DateTimeOffset? ViewingStartAt { get; init; }

    /// <summary>The report's <c>exitedDate</c>; null leaves the field out (a session still open when the report was made).</summary>
    public DateTimeOffset? ExitedAt { get; init; }
}
