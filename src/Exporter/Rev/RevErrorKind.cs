namespace Vbrick.Exporter.Rev;

/// <summary>Why a Rev request failed; the value is the <c>reason</c> label of the error metrics.</summary>
public enum RevErrorKind
{
    Http,
    RateLimited,
    Unauthorized,
    NotFound,
    ScrollExpired,
    Timeout,
    Network,
    Malformed,
    CircuitOpen,

    /// <summary>The answer passed <c>Rev:MaxResponseBytes</c>.</summary>
    TooLarge,
}
