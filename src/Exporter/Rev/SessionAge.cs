namespace Vbrick.Exporter.Rev;

/// <summary>
/// Physics as a free unit check: a session cannot have buffered longer than it has existed. Rev gives
/// no unit for its durations; read in the wrong one (milliseconds as seconds), nearly every session
/// that buffered at all breaks this rule, while a right reading breaks it only by clock skew, which
/// the allowance covers.
/// </summary>
public static class SessionAge
{
    /// <summary>Seconds a duration may pass the session's age (clock skew between Rev's servers and ours, a page read late).</summary>
    public const double AllowanceSeconds = 60;

    /// <summary>True when <paramref name="durationSeconds"/> cannot fit in a session <paramref name="ageSeconds"/> old.</summary>
    public static bool Exceeded(double durationSeconds, double ageSeconds) =>
        double.IsFinite(durationSeconds) && double.IsFinite(ageSeconds) && durationSeconds > (ageSeconds * 1.05) + AllowanceSeconds;
}
