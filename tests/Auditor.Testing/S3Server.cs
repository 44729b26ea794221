using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace Auditor.Testing;

/// <summary>
/// s3rver (an S3-compatible server from npm) on 127.0.0.1 behind a proxy of the tests' own that checks every request's
/// SigV4 signature against <see cref="Secret"/> (s3rver itself looks only at the access key, so a wrong secret would
/// pass it). Clients use <see cref="Endpoint"/> with path-style addressing; <see cref="Put"/> uploads straight to s3rver.
/// <see cref="Intercept"/> lets a test answer a request itself (a refusal, a stall, a large body).
/// </summary>
public sealed class S3Server : IDisposable
{
    public const string AccessKey = "AKIAMLAUDITTEST4711";
    public const string Secret = "s3-Secret-4711-mlaudit-test";

    private readonly NodeTool _s3rver;
    private readonly HttpClient _http = new(new SocketsHttpHandler { UseProxy = false });
    private readonly LoopbackHttpServer _proxy;

    private S3Server(NodeTool s3rver)
    {
        _s3rver = s3rver;
        _proxy = new LoopbackHttpServer((context, _) => HandleAsync(context));
    }

    public int Port => _proxy.Port;

    /// <summary>The signature-checking proxy, for <c>MLFLOW_S3_ENDPOINT_URL</c>.</summary>
    public string Endpoint => $"http://127.0.0.1:{Port}";

    /// <summary>Every request the proxy received: method and path with query.</summary>
    public ConcurrentQueue<(string Method, string PathAndQuery)> Requests { get; } = new();

    /// <summary>Answers a request instead of s3rver when it returns true.</summary>
    public Func<HttpListenerContext, bool>? Intercept { get; set; }

    public CancellationToken Stopping => _proxy.Stopping;

    /// <summary>Starts s3rver and the proxy; null (test skipped) when s3rver is not installed.</summary>
    public static S3Server? StartForTests() =>
        NodeTool.StartForTests("s3rver", (port, folder) => ["-d", folder, "-a", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--silent"]) is { } tool
            ? new S3Server(tool) : null;

    /// <summary>The environment a client of this server needs: the endpoint, the key pair, a region, no proxy for loopback.</summary>
    public Dictionary<string, string?> Variables(string? secret = null) => new(StringComparer.Ordinal)
    {
        ["MLFLOW_S3_ENDPOINT_URL"] = Endpoint,
        ["AWS_ACCESS_KEY_ID"] = AccessKey,
        ["AWS_SECRET_ACCESS_KEY"] = secret ?? Secret,
        ["AWS_REGION"] = "us-east-1",
        ["NO_PROXY"] = "127.0.0.1,localhost",
    };

    public void CreateBucket(string bucket) => Send(HttpMethod.Put, bucket, null);

    /// <summary>
    /// A fixture project's <c>mlruns</c> uploaded to a new bucket, and its SQLite database copied into <paramref name="folder"/>
    /// with every artifact location under <c>s3://bucket</c>; the requests so far are forgotten. Returns the copy's path.
    /// </summary>
    public string UploadStore(string project, string bucket, string folder)
    {
        CreateBucket(bucket);
        Upload(bucket, "", Path.Combine(project, "mlruns"));
        var database = ObjectStoreCopy.Sqlite(Path.Combine(project, "mlflow.db"), folder, $"s3://{bucket}");
        Requests.Clear();
        return database;
    }

    public void Put(string bucket, string key, byte[] content) => Send(HttpMethod.Put, bucket + "/" + key, content);

    /// <summary>Uploads every file under <paramref name="folder"/> as <c>prefix/relative path</c>.</summary>
    public void Upload(string bucket, string prefix, string folder)
    {
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(folder, file).Replace('\\', '/');
            Put(bucket, prefix.Length == 0 ? relative : prefix.TrimEnd('/') + "/" + relative, File.ReadAllBytes(file));
        }
    }

    public void Dispose()
    {
        _proxy.Dispose();
        _http.Dispose();
        _s3rver.Dispose();
    }

    private void Send(HttpMethod method, string path, byte[]? content)
    {
        using var request = new HttpRequestMessage(method, $"http://127.0.0.1:{_s3rver.Port}/{string.Join('/', path.Split('/').Select(Uri.EscapeDataString))}");
        if (content is not null)
        {
            request.Content = new ByteArrayContent(content);
        }

        using var response = _http.Send(request);
        response.EnsureSuccessStatusCode();
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        var request = context.Request;
        Requests.Enqueue((request.HttpMethod, request.RawUrl ?? ""));
        if (Intercept?.Invoke(context) == true)
        {
            return;
        }

        if (SigV4.Check(request.HttpMethod, request.RawUrl ?? "/", request.Headers, AccessKey, Secret) is { } error)
        {
            Reply(context, 403, Error(error, "The request signature we calculated does not match the signature you provided."));
            return;
        }

        using var forward = new HttpRequestMessage(new HttpMethod(request.HttpMethod), $"http://127.0.0.1:{_s3rver.Port}{request.RawUrl}");
        using var answer = await _http.SendAsync(forward, HttpCompletionOption.ResponseHeadersRead, Stopping);
        context.Response.StatusCode = (int)answer.StatusCode;
        foreach (var header in answer.Content.Headers.Concat(answer.Headers))
        {
            if (header.Key is not ("Transfer-Encoding" or "Connection" or "Content-Length" or "Keep-Alive"))
            {
                context.Response.Headers[header.Key] = string.Join(',', header.Value);
            }
        }

        var body = await answer.Content.ReadAsByteArrayAsync(Stopping);
        context.Response.ContentLength64 = body.Length;
        await context.Response.OutputStream.WriteAsync(body, Stopping);
        context.Response.Close();
    }

    /// <summary>S3's XML error body.</summary>
    public static string Error(string code, string message) =>
        $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>{code}</Code><Message>{message}</Message><RequestId>0</RequestId></Error>";

    public static void Reply(HttpListenerContext context, int status, string xml)
    {
        var bytes = Encoding.UTF8.GetBytes(xml);
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/xml";
        context.Response.ContentLength64 = bytes.Length;
        context.Response.OutputStream.Write(bytes);
        context.Response.Close();
    }
}
