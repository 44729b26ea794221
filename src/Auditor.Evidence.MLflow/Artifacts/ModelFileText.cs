using System.Text;

namespace Auditor.Evidence.MLflow.Artifacts;

/// <summary>
/// Reads a model file's bytes up to a bound and decodes them as a StreamReader would (UTF-8 unless a byte order mark
/// says otherwise), so a file read from disk and the same file sent by a server give the same text.
/// </summary>
internal static class ModelFileText
{
    public static string Read(Stream stream, int maxBytes)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16384];
        int read;
        while ((read = stream.Read(chunk)) > 0)
        {
            Append(buffer, chunk, read, maxBytes);
        }

        return Decode(buffer);
    }

    public static async Task<string> ReadAsync(Stream stream, int maxBytes, CancellationToken cancel)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16384];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancel).ConfigureAwait(false)) > 0)
        {
            Append(buffer, chunk, read, maxBytes);
        }

        return Decode(buffer);
    }

    /// <summary>The one-line problem for a file over the bound, with its size when known.</summary>
    public static InvalidDataException TooLarge(int maxBytes, long? size) =>
        new($"larger than {maxBytes / 1024 / 1024} MiB{(size is { } n ? $" ({n} bytes)" : "")}; not read");

    private static void Append(MemoryStream buffer, byte[] chunk, int read, int maxBytes)
    {
        if (buffer.Length + read > maxBytes)
        {
            throw TooLarge(maxBytes, null);
        }

        buffer.Write(chunk, 0, read);
    }

    private static string Decode(MemoryStream buffer)
    {
        buffer.Position = 0;
        using var reader = new StreamReader(buffer, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }
}
