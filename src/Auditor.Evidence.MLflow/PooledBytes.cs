using System.Buffers;

namespace Auditor.Evidence.MLflow;

/// <summary>Growing a buffer rented from <see cref="ArrayPool{T}.Shared"/> while a file or an answer is read into it.</summary>
internal static class PooledBytes
{
    /// <summary>Swaps <paramref name="buffer"/> for a pooled one twice its size holding its first <paramref name="used"/> bytes; the old one goes back to the pool.</summary>
    public static void Grow(ref byte[] buffer, int used)
    {
        var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
        buffer.AsSpan(0, used).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(buffer);
        buffer = larger;
    }
}
