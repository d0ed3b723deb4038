namespace Vbrick.Exporter.Rev;

/// <summary>
/// What the Rev client reports about its requests and its session; the metrics model implements
/// it, so the client depends on no metric library and names no label value.
/// </summary>
public interface IRevObserver
{
    /// <summary>One HTTP attempt ended: its status code, or <see cref="RevAttemptResult.Timeout"/> / <see cref="RevAttemptResult.Network"/>.</summary>
    void Attempted(RevEndpoint endpoint, RevAttemptResult result, int statusCode, TimeSpan duration);

    /// <summary>The resilience pipeline retried a request (null: its endpoint is unknown).</summary>
    void Retried(RevEndpoint? endpoint);

    void SessionObtained(SessionRenewal kind);

    void AuthenticationFailed(AuthenticationFailure kind);
}

/// <summary>How an HTTP attempt to Rev ended.</summary>
public enum RevAttemptResult
{
    /// <summary>Rev answered with a status code.</summary>
    Answered,
    Timeout,
    Network,
}

/// <summary>How a Rev session was obtained: the <c>kind</c> label of <c>vbrick_exporter_auth_renewals_total</c>.</summary>
public enum SessionRenewal
{
    Login,
    Extend,
}

/// <summary>The <c>kind</c> label of <c>vbrick_exporter_auth_failures_total</c>.</summary>
public enum AuthenticationFailure
{
    Login,
    Extend,

    /// <summary>A call was answered 401 with a session the exporter thought valid.</summary>
    Rejected,

    /// <summary>A token Rev refused within minutes of issuing it: the next sign-in backs off (the API key's user may lack every right).</summary>
    RejectedAfterLogin,

    /// <summary>Sign-in could not reach Rev (network, time-out): not a credentials problem.</summary>
    Unreachable,

    /// <summary>Sign-in failed on TLS (an untrusted or mismatched certificate): the secret was never sent.</summary>
    Tls,
}

public static class RevObserverLabels
{
    public static string Label(this SessionRenewal kind) => kind == SessionRenewal.Login ? "login" : "extend";

    public static string Label(this AuthenticationFailure kind) => kind switch
    {
        AuthenticationFailure.Login => "login",
        AuthenticationFailure.Extend => "extend",
        AuthenticationFailure.Rejected => "rejected",
        AuthenticationFailure.RejectedAfterLogin => "rejected_after_login",
        AuthenticationFailure.Unreachable => "unreachable",
        AuthenticationFailure.Tls => "tls",
    };
}
