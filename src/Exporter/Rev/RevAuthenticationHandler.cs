using System.Net;
using System.Net.Http.Headers;

namespace Vbrick.Exporter.Rev;

/// <summary>
/// Puts the session token on every Rev call. On a 401 it first asks whether the session is still
/// valid (<see cref="RevSessionManager.StillValidAsync"/>): if so, the refusal is of the resource,
/// and the call fails alone (tagged <see cref="RevRequestTags.ResourceRefused"/>), without touching the
/// session every other webcast uses. Otherwise the token is dropped and renewed, and the call is
/// sent once more, except a single-attempt call (real-time, status), whose next attempt the planner
/// or the status cadence decides.
/// </summary>
internal sealed class RevAuthenticationHandler(RevSessionManager sessions) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var token = await sessions.GetTokenAsync(cancellationToken);
        request.Headers.Authorization = new AuthenticationHeaderValue("VBrick", token);
        var response = await base.SendAsync(request, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Unauthorized)
        {
            if (response.IsSuccessStatusCode)
            {
                sessions.Accepted(token);
            }

            return response;
        }

        // The refusal's small body is read now, so the connection is free while the session is checked.
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        if (await sessions.StillValidAsync(token, cancellationToken))
        {
            request.Options.Set(RevRequestTags.ResourceRefused, true);
            return response;
        }

        sessions.Invalidate(token);
        if (RevRequestTags.IsSingleAttempt(request))
        {
            return response;
        }

        response.Dispose();
        token = await sessions.GetTokenAsync(cancellationToken);
        request.Headers.Authorization = new AuthenticationHeaderValue("VBrick", token);
        return await base.SendAsync(request, cancellationToken);
    }
}
