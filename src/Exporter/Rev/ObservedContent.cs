using System.Net;

namespace Vbrick.Exporter.Rev;

/// <summary>
/// A response body handed out through a stream that watches it (<see cref="ObservedReadStream"/>);
/// the headers are copied unchanged, so a declared length still reads as declared.
/// </summary>
internal abstract class ObservedContent : HttpContent
{
    private readonly HttpContent _inner;

    protected ObservedContent(HttpContent inner)
    {
        _inner = inner;
        foreach (var header in inner.Headers)
        {
            Headers.TryAddWithoutValidation(header.Key, header.Value);
        }
    }

    /// <summary>The watching stream around the original body.</summary>
    protected abstract ObservedReadStream Observe(Stream body);

    protected virtual void OnDisposed()
    {
    }

    protected override async Task<Stream> CreateContentReadStreamAsync(CancellationToken cancellationToken)
    {
        return Observe(await _inner.ReadAsStreamAsync(cancellationToken));
    }

    protected override Task<Stream> CreateContentReadStreamAsync() => CreateContentReadStreamAsync(CancellationToken.None);

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        await using var source = await CreateContentReadStreamAsync(cancellationToken);
        await source.CopyToAsync(stream, cancellationToken);
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
            OnDisposed();
        }

        base.Dispose(disposing);
    }
}
