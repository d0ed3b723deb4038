using System.Globalization;
using Microsoft.Extensions.Options;

namespace Vbrick.Exporter.Rev;

/// <summary>
/// Caps every Rev answer at <c>Rev:MaxResponseBytes</c>: a declared length over the cap fails at
/// once, an undeclared one fails as soon as the reader passes it. Poll and comment bodies are read
/// whole and a hostile or broken Rev could otherwise hold any amount of memory.
/// </summary>
internal sealed class ResponseSizeLimitHandler(IOptions<RevOptions> options) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        var limit = options.Value.MaxResponseBytes;
        var endpoint = RevRequestTags.EndpointOf(request).Name;
        if (response.Content.Headers.ContentLength is { } declared && declared > limit)
        {
            response.Dispose();
            throw TooLarge(endpoint, limit);
        }

        response.Content = new BoundedContent(response.Content, limit, endpoint);
        return response;
    }

    internal static RevApiException TooLarge(string endpoint, long limit) => new(
        RevErrorKind.TooLarge,
        string.Create(CultureInfo.InvariantCulture, $"Rev's answer on {endpoint} is larger than Rev:MaxResponseBytes ({limit} bytes); the rest was not read."));

    /// <summary>Hands out the original body through a counting stream.</summary>
    private sealed class BoundedContent(HttpContent inner, long limit, string endpoint) : ObservedContent(inner)
    {
        protected override ObservedReadStream Observe(Stream body) => new BoundedStream(body, limit, endpoint);
    }

    private sealed class BoundedStream(Stream inner, long limit, string endpoint) : ObservedReadStream(inner)
    {
        protected override void OnRead(int count)
        {
            if (BytesRead > limit)
            {
                throw TooLarge(endpoint, limit);
            }
        }
    }
}
