using Microsoft.Extensions.Options;
using Vbrick.Exporter.Budget;

namespace Vbrick.Exporter.Rev;

/// <summary>
/// Holds the Rev session: signs in with the API key, extends the session before it expires, and
/// signs in again when extension fails. Sign-in never repeats faster than <see cref="MinLoginGap"/>:
/// hammering Rev's login can lock the user out.
/// </summary>
internal sealed partial class RevSessionManager(
    RevAuthenticationClient client,
    IOptions<RevOptions> options,
    TimeProvider time,
    IRevObserver observer,
    RevRequestBudgets budgets,
    ILogger<RevSessionManager> logger) : IDisposable
{
    internal static readonly TimeSpan MinLoginGap = TimeSpan.FromSeconds(30);
    private static readonly Configuration.Backoff LoginBackoff = new(MinLoginGap, TimeSpan.FromMinutes(5));

    private readonly SemaphoreSlim _lock = new(1, 1);
    private RevSession? _session;
    private DateTimeOffset _nextLoginAllowed = DateTimeOffset.MinValue;
    private int _loginFailures;

    public async ValueTask<string> GetTokenAsync(CancellationToken cancellationToken)
    {
        var session = _session;
        if (session is not null && time.GetUtcNow() < session.RenewAt)
        {
            return session.Token;
        }

        await _lock.WaitAsync(cancellationToken);
        try
        {
            return (await RenewIfDueAsync(cancellationToken)).Token;
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>How long a session Rev confirmed valid is taken as valid when another call is answered 401.</summary>
    internal static readonly TimeSpan ConfirmedFor = TimeSpan.FromMinutes(1);

    private string? _confirmedToken;
    private DateTimeOffset _confirmedAt = DateTimeOffset.MinValue;

    /// <summary>
    /// After a 401: whether Rev still accepts <paramref name="token"/>, so the refusal was of the
    /// resource (an API key that may list a webcast but not read it), not of the session. Asked
    /// once (<c>GET /api/v2/user/session</c>, GET family) and trusted for <see cref="ConfirmedFor"/>,
    /// so a webcast refused on every request costs one check a minute, not a sign-in each. Where
    /// the check fails, the token is taken as refused.
    /// </summary>
    public async ValueTask<bool> StillValidAsync(string token, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var session = _session;
        if (session is null || session.Token != token || now >= session.ExpiresAt)
        {
            return false;
        }

        if (_confirmedToken == token && now - _confirmedAt < ConfirmedFor)
        {
            return true;
        }

        try
        {
            // Waiting for the GET family's slot costs at most one spacing; dropping a valid session
            // instead would cost every webcast a sign-in.
            await budgets.WaitForSlotAsync(RequestFamily.Get, time, cancellationToken);
            if (!await client.IsSessionValidAsync(token, cancellationToken))
            {
                return false;
            }

            _confirmedToken = token;
            _confirmedAt = time.GetUtcNow();
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Log.SessionCheckFailed(logger, ex is RevApiException rev ? rev.Reason : ex.GetType().Name);
            return false;
        }
    }

    /// <summary>A token refused sooner than this after sign-in was never good: the sign-in itself is what fails.</summary>
    internal static readonly TimeSpan FreshTokenAge = TimeSpan.FromMinutes(2);

    /// <summary>After fresh tokens are refused in a row: 1, 2, 4 ... up to 30 minutes between sign-ins, not one every 30 s forever.</summary>
    private static readonly Configuration.Backoff RefusedTokenBackoff = new(TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(30));

    private int _freshTokensRefused;
    private string? _acceptedToken;

    /// <summary>A call with <paramref name="token"/> succeeded: Rev accepts it, so a later refusal is a revocation, not a sign-in that never worked.</summary>
    public void Accepted(string token)
    {
        if (!string.Equals(Volatile.Read(ref _acceptedToken), token, StringComparison.Ordinal))
        {
            Volatile.Write(ref _acceptedToken, token);
            _freshTokensRefused = 0;
        }
    }

    /// <summary>
    /// Forgets a token Rev refused, so the next call signs in again. A token refused within
    /// <see cref="FreshTokenAge"/> of its sign-in that no call ever succeeded with was never good:
    /// Rev signs the API key in but refuses its every call, so the next sign-in backs off
    /// (<see cref="RefusedTokenBackoff"/>). One revoked after it worked is renewed at once.
    /// </summary>
    public void Invalidate(string token)
    {
        var current = _session;
        if (current is null || current.Token != token)
        {
            observer.AuthenticationFailed(AuthenticationFailure.Rejected);
            return;
        }

        var now = time.GetUtcNow();
        var neverAccepted = !string.Equals(Volatile.Read(ref _acceptedToken), token, StringComparison.Ordinal);
        if (now - current.IssuedAt < FreshTokenAge && current.Renewal == SessionRenewal.Login && neverAccepted)
        {
            _freshTokensRefused++;
            var wait = RefusedTokenBackoff.After(_freshTokensRefused);
            var allowed = now + wait;
            _nextLoginAllowed = allowed > _nextLoginAllowed ? allowed : _nextLoginAllowed;
            observer.AuthenticationFailed(AuthenticationFailure.RejectedAfterLogin);
            Log.FreshTokenRefused(logger, (now - current.IssuedAt).TotalSeconds, wait.TotalSeconds);
        }
        else
        {
            _freshTokensRefused = 0;
            observer.AuthenticationFailed(AuthenticationFailure.Rejected);
        }

        Interlocked.CompareExchange(ref _session, null, current);
    }

    private async Task<RevSession> RenewIfDueAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var session = _session;
        if (session is not null && now < session.RenewAt)
        {
            return session;
        }

        if (session is not null && now < session.ExpiresAt)
        {
            var extended = await TryExtendAsync(session, cancellationToken);
            if (extended is not null)
            {
                return _session = extended;
            }
        }

        if (now < _nextLoginAllowed)
        {
            // Still valid: better a token near its end than no data at all.
            if (session is not null && now < session.ExpiresAt)
            {
                return session;
            }

            throw new RevApiException(RevErrorKind.Unauthorized, "Rev sign-in is backing off after a recent attempt.");
        }

        return _session = await LoginAsync(cancellationToken);
    }

    private async Task<RevSession?> TryExtendAsync(RevSession session, CancellationToken cancellationToken)
    {
        if (!budgets.TryAcquire(RequestFamily.Post, time.GetUtcNow()))
        {
            return null;
        }

        try
        {
            var expiration = await client.ExtendAsync(session.Token, cancellationToken);

            // Extended, but with no usable expiry (missing, past, unreadable): as after a sign-in,
            // a short lifetime is assumed rather than a sign-in forced.
            var extended = RevSession.Create(session.Token, time.GetUtcNow(), expiration);
            observer.SessionObtained(SessionRenewal.Extend);
            return extended;
        }
        catch (RevApiException ex) when (ex.StatusCode is { } status)
        {
            Log.ExtendFailed(logger, (int)status);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Log.ExtendError(logger, ex is RevApiException rev ? rev.Kind.ToString() : ex.GetType().Name);
        }

        observer.AuthenticationFailed(AuthenticationFailure.Extend);
        return null;
    }

    private async Task<RevSession> LoginAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var started = time.GetUtcNow();

        // Sign-ins are rare (and at least 30 s apart after a failure): waiting for the slot costs
        // at most one POST spacing, and keeps the POST family's budget honest.
        await budgets.WaitForSlotAsync(RequestFamily.Post, time, cancellationToken);
        _nextLoginAllowed = started + LoginBackoff.After(_loginFailures + 1);
        try
        {
            var body = await client.SignInAsync(settings.ApiKey ?? string.Empty, settings.Secret ?? string.Empty, cancellationToken);
            observer.SessionObtained(SessionRenewal.Login);
            _loginFailures = 0;
            var session = RevSession.Create(body.Token!, time.GetUtcNow(), body.Expiration) with { Renewal = SessionRenewal.Login };
            Log.SignedIn(logger, session.ExpiresAt);
            return session;
        }
        catch (Exception ex)
        {
            // A sign-in cut short (the caller's attempt timeout, our deadline) failed like any other;
            // one that never reached Rev (network, TLS) says nothing of the credentials.
            observer.AuthenticationFailed(FailureOf(ex));
            _loginFailures++;
            var reason = ex as RevApiException ?? new RevApiException(RevErrorKind.Timeout, "Rev sign-in did not finish in time: " + ex.GetType().Name + ".", inner: ex);
            Log.SignInFailed(logger, reason.Message);
            if (ex is OperationCanceledException && cancellationToken.IsCancellationRequested)
            {
                throw;
            }

            throw reason;
        }
    }

    public void Dispose() => _lock.Dispose();

    /// <summary>What a failed sign-in says: wrong credentials (Rev answered), or Rev never reached (TLS, network, time-out).</summary>
    private static AuthenticationFailure FailureOf(Exception ex) => ex switch
    {
        RevApiException { InnerException: HttpRequestException { HttpRequestError: HttpRequestError.SecureConnectionError } } => AuthenticationFailure.Tls,
        RevApiException { Kind: RevErrorKind.Network or RevErrorKind.Timeout } or OperationCanceledException => AuthenticationFailure.Unreachable,
        _ => AuthenticationFailure.Login,
    };

    private static partial class Log
    {
        [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "Signed in to Rev; session valid until {ExpiresAt:u}")]
        public static partial void SignedIn(ILogger logger, DateTimeOffset expiresAt);

        [LoggerMessage(EventId = 101, Level = LogLevel.Warning, Message = "Rev sign-in failed: {Reason}")]
        public static partial void SignInFailed(ILogger logger, string reason);

        [LoggerMessage(EventId = 102, Level = LogLevel.Warning, Message = "Rev refused to extend the session (HTTP {StatusCode}); signing in again")]
        public static partial void ExtendFailed(ILogger logger, int statusCode);

        [LoggerMessage(EventId = 103, Level = LogLevel.Warning, Message = "Extending the Rev session failed ({Error}); signing in again")]
        public static partial void ExtendError(ILogger logger, string error);

        [LoggerMessage(EventId = 105, Level = LogLevel.Warning, Message = "Rev refused a token {AgeSeconds:0} s after issuing it: the API key signs in but may not read anything. Signing in again in {WaitSeconds:0} s (vbrick_exporter_auth_failures_total{{kind=\"rejected_after_login\"}})")]
        public static partial void FreshTokenRefused(ILogger logger, double ageSeconds, double waitSeconds);

        [LoggerMessage(EventId = 104, Level = LogLevel.Warning, Message = "Checking the Rev session after a 401 failed ({Error}); signing in again")]
        public static partial void SessionCheckFailed(ILogger logger, string error);
    }
}
