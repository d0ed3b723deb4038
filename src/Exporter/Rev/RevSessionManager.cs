using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Options;
using Vbrick.Exporter.Rev.Dto;
using Vbrick.Exporter.Budget;

namespace Vbrick.Exporter.Rev;

/// <summary>
/// Holds the Rev session: signs in with the API key, extends the session before it expires, and
/// signs in again when extension fails. Sign-in never repeats faster than <see cref="MinLoginGap"/>:
/// hammering Rev's login can lock the user out.
/// </summary>
internal sealed partial class RevSessionManager(
    IHttpClientFactory httpClientFactory,
    IOptions<RevOptions> options,
    TimeProvider time,
    IRevObserver observer,
    RevRequestBudgets budgets,
    ILogger<RevSessionManager> logger) : IDisposable
{
    public const string HttpClientName = "Rev.Authentication";

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

    /// <summary>Forgets a token Rev refused, so the next call signs in again.</summary>
    public void Invalidate(string token)
    {
        observer.AuthenticationFailed(AuthenticationFailure.Rejected);
        var current = _session;
        if (current is not null && current.Token == token)
        {
            Interlocked.CompareExchange(ref _session, null, current);
        }
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
            using var request = new HttpRequestMessage(HttpMethod.Post, "api/v2/user/extend-session");
            request.Options.Set(RevRequestTags.Endpoint, RevEndpoint.ExtendSession);
            request.Headers.Authorization = new AuthenticationHeaderValue("VBrick", session.Token);
            using var response = await Client().SendAsync(request, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                var body = await response.Content.ReadFromJsonAsync(RevJsonContext.Default.ExtendSessionResponse, cancellationToken);
                var now = time.GetUtcNow();
                if (body?.Expiration is { } expiration && expiration > now)
                {
                    observer.SessionObtained(SessionRenewal.Extend);
                    return new RevSession(session.Token, now, expiration);
                }
            }

            Log.ExtendFailed(logger, (int)response.StatusCode);
        }
        catch (Exception ex) when (ex is HttpRequestException or RevApiException or System.Text.Json.JsonException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            Log.ExtendError(logger, ex.GetType().Name);
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
            using var request = new HttpRequestMessage(HttpMethod.Post, "api/v2/authenticate")
            {
                Content = JsonContent.Create(new AuthenticateRequest(settings.ApiKey ?? string.Empty, settings.Secret ?? string.Empty), RevJsonContext.Default.AuthenticateRequest),
            };
            request.Options.Set(RevRequestTags.Endpoint, RevEndpoint.Authenticate);
            using var response = await Client().SendAsync(request, cancellationToken);
            if ((int)response.StatusCode is >= 300 and < 400)
            {
                // Never followed (the body holds the API key and secret): say where it pointed.
                var target = response.Headers.Location is { IsAbsoluteUri: true } location ? location.Host : "a relative path";
                throw new RevApiException(RevErrorKind.Http, $"Rev answered sign-in with HTTP {(int)response.StatusCode}, a redirect to {target}; not followed, credentials not sent on. Check Rev:Url.", response.StatusCode);
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new RevApiException(
                    response.StatusCode == HttpStatusCode.Unauthorized ? RevErrorKind.Unauthorized : RevErrorKind.Http,
                    $"Rev refused sign-in with HTTP {(int)response.StatusCode}; check Rev:ApiKey and the secret.",
                    response.StatusCode);
            }

            var body = await response.Content.ReadFromJsonAsync(RevJsonContext.Default.AuthenticateResponse, cancellationToken);
            if (string.IsNullOrEmpty(body?.Token))
            {
                throw new RevApiException(RevErrorKind.Malformed, "Rev's sign-in answer carried no token.");
            }

            observer.SessionObtained(SessionRenewal.Login);
            _loginFailures = 0;
            var session = RevSession.Create(body.Token, time.GetUtcNow(), body.Expiration);
            Log.SignedIn(logger, session.ExpiresAt);
            return session;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            observer.AuthenticationFailed(AuthenticationFailure.Login);
            _loginFailures++;
            var reason = ex as RevApiException ?? new RevApiException(
                ex is System.Text.Json.JsonException ? RevErrorKind.Malformed : RevErrorKind.Network,
                ex is HttpRequestException http ? $"Could not reach Rev to sign in ({http.HttpRequestError})." : "Rev sign-in failed: " + ex.GetType().Name + ".",
                inner: ex);
            Log.SignInFailed(logger, reason.Message);
            throw reason;
        }
    }

    public void Dispose() => _lock.Dispose();

    private HttpClient Client()
    {
        var client = httpClientFactory.CreateClient(HttpClientName);
        client.BaseAddress ??= options.Value.Url;
        return client;
    }

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
    }
}
