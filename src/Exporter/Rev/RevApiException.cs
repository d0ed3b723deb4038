using System.Net;

namespace Vbrick.Exporter.Rev;

/// <summary>
/// A failed Rev call, already classified. Messages carry no body text, token or attendee data:
/// Rev error bodies can echo request content.
/// </summary>
public sealed class RevApiException : Exception
{
    public RevApiException(RevErrorKind kind, string message, HttpStatusCode? statusCode = null, TimeSpan? retryAfter = null, Exception? inner = null)
        : base(message, inner)
    {
        Kind = kind;
        StatusCode = statusCode;
        RetryAfter = retryAfter;
    }

    public RevApiException()
        : this(RevErrorKind.Http, "Rev request failed.")
    {
    }

    public RevApiException(string message)
        : this(RevErrorKind.Http, message)
    {
    }

    public RevApiException(string message, Exception innerException)
        : this(RevErrorKind.Http, message, inner: innerException)
    {
    }

    public RevErrorKind Kind { get; }

    public HttpStatusCode? StatusCode { get; }

    /// <summary>Rev's <c>Retry-After</c>, when a 429 carried one.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>The <c>reason</c> label: snake_case of <see cref="Kind"/>.</summary>
    /// <summary>The <c>reason</c> label: the kind's (<see cref="RevErrorKindExtensions.Label"/>).</summary>
    public string Reason => Kind.Label();

    public FailureReason Failure => FailureReason.Of(Kind);
}
