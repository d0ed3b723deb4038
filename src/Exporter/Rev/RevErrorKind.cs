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

    /// <summary>
    /// Rev refused this resource while the session stayed valid (a 403, or a 401 that
    /// <c>GET /api/v2/user/session</c> showed was not about the token): the API key may not read it.
    /// </summary>
    Forbidden,
}

public static class RevErrorKindExtensions
{
    /// <summary>The <c>reason</c> label value.</summary>
    public static string Label(this RevErrorKind kind) => kind switch
    {
        RevErrorKind.Http => "http",
        RevErrorKind.RateLimited => "rate_limited",
        RevErrorKind.Unauthorized => "unauthorized",
        RevErrorKind.NotFound => "not_found",
        RevErrorKind.ScrollExpired => "scroll_expired",
        RevErrorKind.Timeout => "timeout",
        RevErrorKind.Network => "network",
        RevErrorKind.Malformed => "malformed",
        RevErrorKind.CircuitOpen => "circuit_open",
        RevErrorKind.TooLarge => "too_large",
        RevErrorKind.Forbidden => "forbidden",
    };
}
