using System.Buffers;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace Auditor.Evidence.MLflow.FileStore;

/// <summary>
/// Reads the small files of a file store (values, meta.yaml, metric histories) with one open, one or two reads
/// and one close, into a pooled buffer: no FileStream, no StreamReader.
/// </summary>
internal static class SmallFile
{
    /// <summary>No store file is read past this size (a metric history of a million points is about 40 MB).</summary>
    public const int MaxBytes = 64 * 1024 * 1024;

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Calls <paramref name="use"/> with the file's text; the span is only valid during the call.</summary>
    public static TResult Read<TState, TResult>(string path, TState state, Func<TState, ReadOnlySpan<char>, TResult> use)
    {
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var bytes = ArrayPool<byte>.Shared.Rent(4096);
        char[]? chars = null;
        try
        {
            var length = ReadAll(handle, ref bytes);
            var span = bytes.AsSpan(0, length);
            if (span.StartsWith(Encoding.UTF8.Preamble))
            {
                span = span[3..];
            }

            chars = ArrayPool<char>.Shared.Rent(Utf8.GetMaxCharCount(span.Length));
            var count = Utf8.GetChars(span, chars);
            return use(state, chars.AsSpan(0, count));
        }
        catch (DecoderFallbackException e)
        {
            throw new InvalidDataException("not UTF-8 text: " + e.Message, e);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
            if (chars is not null)
            {
                ArrayPool<char>.Shared.Return(chars);
            }
        }
    }

    public static string ReadText(string path) => Read(path, 0, static (_, text) => text.ToString());

    private static int ReadAll(SafeFileHandle handle, ref byte[] buffer)
    {
        var total = 0;
        while (true)
        {
            if (total == buffer.Length)
            {
                if (total >= MaxBytes)
                {
                    throw new InvalidDataException($"larger than {MaxBytes / (1024 * 1024)} MiB; not read");
                }

                PooledBytes.Grow(ref buffer, total);
            }

            var wanted = buffer.Length - total;
            var read = RandomAccess.Read(handle, buffer.AsSpan(total), total);
            total += read;

            // A short read of a regular file is its end: saves the second read syscall of almost every file.
            if (read < wanted)
            {
                return total;
            }
        }
    }
}
