namespace Vbrick.Exporter.Rev;

/// <summary>
/// A read-only view of a response body that is told about every read: the size cap counts the
/// bytes (<see cref="ResponseSizeLimitHandler"/>), the tests' request tracker sees the end.
/// Everything but reading is refused.
/// </summary>
internal abstract class ObservedReadStream(Stream inner) : Stream
{
    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => BytesRead;
        set => throw new NotSupportedException();
    }

    protected long BytesRead { get; private set; }

    public override int Read(byte[] buffer, int offset, int count) => Observe(() => inner.Read(buffer, offset, count));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        int read;
        try
        {
            read = await inner.ReadAsync(buffer, cancellationToken);
        }
        catch
        {
            OnReadFailed();
            throw;
        }

        return Observed(read);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <summary>Called with the size of each read, 0 at the end of the body; may throw to refuse it.</summary>
    protected abstract void OnRead(int count);

    protected virtual void OnReadFailed()
    {
    }

    protected virtual void OnDisposed()
    {
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
            OnDisposed();
        }

        base.Dispose(disposing);
    }

    private int Observe(Func<int> read)
    {
        int count;
        try
        {
            count = read();
        }
        catch
        {
            OnReadFailed();
            throw;
        }

        return Observed(count);
    }

    private int Observed(int count)
    {
        BytesRead += count;
        OnRead(count);
        return count;
    }
}
