using System.Net;

namespace Auditor.Testing;

/// <summary>
/// An <see cref="HttpListener"/> on a free 127.0.0.1 port that hands every request, numbered from 1, to a handler on the
/// thread pool. A handler whose client (or upstream) went away mid-answer is not an error: those exceptions end the
/// request quietly. The stand-in servers (<see cref="MlflowRestServer"/>, <see cref="S3Server"/>'s signing proxy,
/// <see cref="GcsServer"/>) are built on it.
/// </summary>
public sealed class LoopbackHttpServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly CancellationTokenSource _stopping = new(); // not disposed: stalled handlers may still hold its token
    private readonly Func<HttpListenerContext, int, Task> _handle;
    private readonly Task _loop;

    public LoopbackHttpServer(Func<HttpListenerContext, int, Task> handle)
    {
        _handle = handle;
        for (var attempt = 0; ; attempt++)
        {
            Port = NodeTool.FreePort();
            _listener.Prefixes.Clear();
            _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
            try
            {
                _listener.Start();
                break;
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                // Another process took the port between probing and binding: probe again.
            }
        }

        _loop = Task.Run(Loop);
    }

    public LoopbackHttpServer(Action<HttpListenerContext, int> handle)
        : this((context, n) =>
        {
            handle(context, n);
            return Task.CompletedTask;
        })
    {
    }

    public int Port { get; }

    public string Uri => $"http://127.0.0.1:{Port}";

    /// <summary>Cancelled when the server stops: a handler that stalls on purpose waits on it.</summary>
    public CancellationToken Stopping => _stopping.Token;

    public void Dispose()
    {
        _stopping.Cancel();
        _listener.Close(); // Close alone: after Stop, Close looks the endpoint up again and may bind the port anew ("Address already in use")
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }
    }

    private async Task Loop()
    {
        var sequence = 0;
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            var n = Interlocked.Increment(ref sequence);
            _ = Task.Run(() => Serve(context, n));
        }
    }

    private async Task Serve(HttpListenerContext context, int n)
    {
        try
        {
            await _handle(context, n);
        }
        catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException or InvalidOperationException or OperationCanceledException or HttpRequestException)
        {
            // The client or the server behind went away.
        }
    }
}
