using System.Net;
using System.Net.Http.Headers;
using Vbrick.Exporter.Rev.Dto;

namespace Vbrick.Exporter.Rev;

/// <summary>
/// Sign-in and session extension, as a typed client beside <see cref="RevClient"/>. It has its own
/// pipeline: no retry (repeated sign-ins can lock the Rev user out), no authentication handler
/// (it is what obtains the token), no redirect (the sign-in body holds the API key and secret).
/// Budgets, back-off and the session itself stay with <see cref="RevSessionManager"/>.
/// </summary>
internal sealed class RevAuthenticationClient(HttpClient http, TimeProvider time, Microsoft.Extensions.Options.IOptions<RevOptions> options)
{
    /// <summary>Signs in; every failure is a classified <see cref="RevApiException"/> that echoes no credential.</summary>
    public Task<AuthenticateResponse> SignInAsync(string apiKey, string secret, CancellationToken cancellationToken) =>
        CallAsync<AuthenticateResponse>("sign in", async deadline =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "api/v2/authenticate")
            {
                Content = JsonContent.Create(new AuthenticateRequest(apiKey, secret), RevJsonContext.Default.AuthenticateRequest),
            };
            request.Options.Set(RevRequestTags.Endpoint, RevEndpoint.Authenticate);
            using var response = await SendAsync(request, "sign in", deadline);
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

            var body = await ReadAsync(response, RevJsonContext.Default.AuthenticateResponse, "sign-in", deadline);
            return string.IsNullOrEmpty(body?.Token)
                ? throw new RevApiException(RevErrorKind.Malformed, "Rev's sign-in answer carried no token.")
                : body;
        }, cancellationToken);

    /// <summary>Extends the session; the new expiry, or an exception naming why not.</summary>
    public Task<DateTimeOffset?> ExtendAsync(string token, CancellationToken cancellationToken) =>
        CallAsync<DateTimeOffset?>("extend the session", async deadline =>
        {
            using var request = SessionRequest(HttpMethod.Post, "api/v2/user/extend-session", RevEndpoint.ExtendSession, token);
            using var response = await SendAsync(request, "extend the session", deadline);
            if (!response.IsSuccessStatusCode)
            {
                throw new RevApiException(RevErrorKind.Http, $"Rev refused to extend the session (HTTP {(int)response.StatusCode}).", response.StatusCode);
            }

            return (await ReadAsync(response, RevJsonContext.Default.ExtendSessionResponse, "session extension", deadline))?.Expiration;
        }, cancellationToken);

    /// <summary>Whether Rev still accepts <paramref name="token"/> (<c>GET /api/v2/user/session</c>: 200 or 401); anything else is an exception.</summary>
    public Task<bool> IsSessionValidAsync(string token, CancellationToken cancellationToken) =>
        CallAsync<bool>("check the session", async deadline =>
        {
            using var request = SessionRequest(HttpMethod.Get, "api/v2/user/session", RevEndpoint.UserSession, token);
            using var response = await SendAsync(request, "check the session", deadline);
            return response.IsSuccessStatusCode || (response.StatusCode == HttpStatusCode.Unauthorized
                ? false
                : throw new RevApiException(RevErrorKind.Http, $"Rev answered the session check with HTTP {(int)response.StatusCode}.", response.StatusCode));
        }, cancellationToken);

    /// <summary>A request on the session <paramref name="token"/> opened.</summary>
    private static HttpRequestMessage SessionRequest(HttpMethod method, string path, RevEndpoint endpoint, string token)
    {
        var request = new HttpRequestMessage(method, path);
        request.Options.Set(RevRequestTags.Endpoint, endpoint);
        request.Headers.Authorization = new AuthenticationHeaderValue("VBrick", token);
        return request;
    }

    /// <summary>One deadline (<c>Rev:RequestTimeout</c>) around sending and reading: a stalled sign-in must not hold the loop.</summary>
    private Task<T> CallAsync<T>(string what, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken) =>
        RevDeadline.RunAsync(time, options.Value.RequestTimeout, $"Rev did not answer in time to {what}.", call, cancellationToken);

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, string what, CancellationToken cancellationToken)
    {
        try
        {
            return await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            throw new RevApiException(RevErrorKind.Network, $"Could not reach Rev to {what} ({ex.HttpRequestError}).", inner: ex);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new RevApiException(RevErrorKind.Timeout, $"Rev did not answer in time to {what}.", inner: ex);
        }
    }

    private static async Task<T?> ReadAsync<T>(HttpResponseMessage response, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, string what, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync(type, cancellationToken);
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or NotSupportedException or IOException)
        {
            throw new RevApiException(ex is IOException ? RevErrorKind.Network : RevErrorKind.Malformed, $"Rev's {what} answer could not be read.", inner: ex);
        }
    }
}
