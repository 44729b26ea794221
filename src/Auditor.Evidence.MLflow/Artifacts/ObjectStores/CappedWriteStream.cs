namespace Auditor.Evidence.MLflow.Artifacts.ObjectStores;

/// <summary>
/// A write-only view of <paramref name="inner"/> that throws <see cref="ModelFileText.TooLarge"/> once more than
/// <paramref name="cap"/> bytes are written, for client libraries that download into a stream they are given: a body
/// larger than the listing said (or endless) costs at most the cap.
/// </summary>
internal sealed class CappedWriteStream(Stream inner, int cap) : Stream
{
    private long _written;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => _written;

    public override long Position
    {
        get => _written;
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count)
    {
        Count(count);
        inner.Write(buffer, offset, count);
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Count(buffer.Length);
        return inner.WriteAsync(buffer, cancellationToken);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush() => inner.Flush();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    private void Count(int count)
    {
        if (_written + count > cap)
        {
            throw ModelFileText.TooLarge(cap, null);
        }

        _written += count;
    }
}
