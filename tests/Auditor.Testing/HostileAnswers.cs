using System.IO.Compression;
using System.Net;
using System.Text;

namespace Auditor.Testing;

/// <summary>
/// Answers of a tracking server that misbehaves on purpose, for <see cref="MlflowRestServer.Intercept"/>: endless or huge
/// bodies streamed (never built in memory), a slow drip, a stall, redirects, compressed bombs. Each counts what it sent,
/// so a test can tell that the client stopped reading instead of buffering.
/// </summary>
public static class HostileAnswers
{
    /// <summary>A streamed body sent by a handler: how many bytes went out before the client hung up or the body ended.</summary>
    public sealed class Sent
    {
        private long _bytes;

        public long Bytes => Interlocked.Read(ref _bytes);

        internal void Add(int n) => Interlocked.Add(ref _bytes, n);
    }

    /// <summary>Status 200, chunked (no Content-Length): <paramref name="head"/>, then <paramref name="chunk"/> again and again up to <paramref name="limit"/> bytes, then <paramref name="tail"/>.</summary>
    public static void Stream(HttpListenerContext context, string head, string chunk, string tail, long limit, Sent sent, long? announcedLength = null)
    {
        var response = context.Response;
        response.StatusCode = 200;
        response.ContentType = "application/json";
        if (announcedLength is { } length)
        {
            response.ContentLength64 = length;
        }
        else
        {
            response.SendChunked = true;
        }

        var block = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(chunk, Math.Max(1, 64 * 1024 / Math.Max(1, chunk.Length)))));
        try
        {
            Write(response.OutputStream, Encoding.UTF8.GetBytes(head), sent);
            for (long written = 0; written < limit; written += block.Length)
            {
                Write(response.OutputStream, block, sent);
            }

            Write(response.OutputStream, Encoding.UTF8.GetBytes(tail), sent);
            response.Close();
        }
        catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException or InvalidOperationException)
        {
            response.Abort(); // The client hung up, as it should.
        }
    }

    /// <summary>Sends <paramref name="json"/> a few bytes at a time with a pause between them, until done or the client hangs up.</summary>
    public static void Drip(HttpListenerContext context, string json, TimeSpan pause, CancellationToken stopping)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        var response = context.Response;
        response.StatusCode = 200;
        response.ContentType = "application/json";
        response.ContentLength64 = bytes.Length;
        try
        {
            foreach (var piece in bytes.Chunk(4))
            {
                if (stopping.WaitHandle.WaitOne(pause))
                {
                    break;
                }

                response.OutputStream.Write(piece);
                response.OutputStream.Flush();
            }

            response.Close();
        }
        catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException or InvalidOperationException)
        {
            response.Abort();
        }
    }

    /// <summary>Never answers: holds the request until the server stops or <paramref name="longest"/> passes.</summary>
    public static void Stall(HttpListenerContext context, TimeSpan longest, CancellationToken stopping)
    {
        stopping.WaitHandle.WaitOne(longest);
        try
        {
            context.Response.Abort();
        }
        catch (ObjectDisposedException)
        {
        }
    }

    public static void Redirect(HttpListenerContext context, int status, string location)
    {
        context.Response.StatusCode = status;
        context.Response.RedirectLocation = location;
        context.Response.ContentLength64 = 0;
        context.Response.Close();
    }

    /// <summary>A gzip body: <paramref name="size"/> bytes of spaces compressed to a few hundred KB (a decompression bomb).</summary>
    public static byte[] GzipOfSpaces(long size)
    {
        using var packed = new MemoryStream();
        using (var gzip = new GZipStream(packed, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            var block = new byte[1024 * 1024];
            Array.Fill(block, (byte)' ');
            for (long written = 0; written < size; written += block.Length)
            {
                gzip.Write(block);
            }
        }

        return packed.ToArray();
    }

    public static void Gzip(HttpListenerContext context, byte[] body, Sent sent)
    {
        var response = context.Response;
        response.StatusCode = 200;
        response.ContentType = "application/json";
        response.AddHeader("Content-Encoding", "gzip");
        response.ContentLength64 = body.Length;
        try
        {
            Write(response.OutputStream, body, sent);
            response.Close();
        }
        catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException or InvalidOperationException)
        {
            response.Abort();
        }
    }

    private static void Write(Stream stream, byte[] bytes, Sent sent)
    {
        stream.Write(bytes);
        sent.Add(bytes.Length);
    }
}
