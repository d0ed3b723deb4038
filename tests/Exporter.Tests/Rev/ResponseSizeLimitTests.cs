using System.Net;
using Microsoft.Extensions.Options;
using Vbrick.Exporter.Rev;

namespace Vbrick.Exporter.Tests.Rev;

public sealed class ResponseSizeLimitTests
{
    private const long Limit = 64 * 1024;

    [Fact]
    public async Task DeclaredLengthOverTheCap_FailsBeforeAnyBodyIsRead()
    {
        var body = new CountingStream(new MemoryStream(new byte[Limit + 1]));
        var content = new StreamContent(body);
        content.Headers.ContentLength = Limit + 1;

        var ex = await Assert.ThrowsAsync<RevApiException>(() => SendAsync(content));

        Assert.Equal(RevErrorKind.TooLarge, ex.Kind);
        Assert.Equal("too_large", ex.Reason);
        Assert.Equal(0, body.BytesRead);
    }

    [Fact]
    public async Task UndeclaredBodyOverTheCap_StopsBeingReadJustPastIt()
    {
        var body = new CountingStream(new EndlessStream());

        using var response = await SendAsync(new StreamContent(body, 4096));
        var ex = await Assert.ThrowsAsync<RevApiException>(() => response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));

        Assert.Equal(RevErrorKind.TooLarge, ex.Kind);
        Assert.InRange(body.BytesRead, Limit, Limit + (128 * 1024));
    }

    [Fact]
    public async Task BodyWithinTheCap_ArrivesWhole_WithItsHeaders()
    {
        var bytes = new byte[Limit];
        Random.Shared.NextBytes(bytes);
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");

        using var response = await SendAsync(content);

        Assert.Equal(bytes, await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpContent content)
    {
        var handler = new ResponseSizeLimitHandler(Options.Create(new RevOptions { MaxResponseBytes = Limit }))
        {
            InnerHandler = new StubHandler(content),
        };
        using var invoker = new HttpMessageInvoker(handler);
        using var request = new HttpRequestMessage(HttpMethod.Get, "http://127.0.0.1/api/v2/x");
        return await invoker.SendAsync(request, CancellationToken.None);
    }

    private sealed class StubHandler(HttpContent content) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = content });
    }

    private sealed class EndlessStream : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => 0; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            buffer.AsSpan(offset, count).Fill((byte)'x');
            return count;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    private sealed class CountingStream(Stream inner) : Stream
    {
        public long BytesRead { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = inner.Read(buffer, offset, count);
            BytesRead += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
