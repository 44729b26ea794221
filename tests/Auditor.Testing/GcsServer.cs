using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Auditor.Testing;

/// <summary>
/// A stand-in for Google Cloud Storage on 127.0.0.1 (no emulator is served here): the JSON API calls the client makes,
/// over objects held in memory. <c>GET /storage/v1/b/{bucket}/o</c> lists with <c>prefix</c>, <c>delimiter</c>,
/// <c>maxResults</c> and <c>pageToken</c>; <c>GET /storage/v1/b/{bucket}/o/{object}</c> sends the metadata, or the
/// content with <c>alt=media</c> (also under <c>/download/</c>); anything else is 405. Errors have Google's JSON error
/// shape (<c>{"error":{"code","message","errors":[{"reason"}]}}</c>). Unauthenticated (as an emulator, for
/// <c>STORAGE_EMULATOR_HOST</c>) unless <see cref="RequireServiceAccount"/> made it check bearer tokens: then
/// <c>POST /token</c> takes a JWT-bearer grant signed with the service account's RSA key (the key file's
/// <c>token_uri</c>), checks the signature, issuer, audience and expiry, and hands out the only tokens the API accepts.
/// </summary>
public sealed class GcsServer : IDisposable
{
    public const string ClientEmail = "mlaudit-reader@mlaudit-test.iam.gserviceaccount.com";

    private readonly LoopbackHttpServer _server;
    private readonly ConcurrentDictionary<(string Bucket, string Name), byte[]> _objects = new();
    private readonly ConcurrentDictionary<string, bool> _buckets = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _tokens = new(StringComparer.Ordinal);
    private RSA? _account;

    public GcsServer() => _server = new LoopbackHttpServer((context, _) => Handle(context));

    public int Port => _server.Port;

    /// <summary>The host for <c>STORAGE_EMULATOR_HOST</c> and <c>MLAUDIT_GCS_ENDPOINT</c>.</summary>
    public string Endpoint => $"http://127.0.0.1:{Port}";

    /// <summary>Every API request received (not the token endpoint's): method and path with query.</summary>
    public ConcurrentQueue<(string Method, string PathAndQuery)> Requests { get; } = new();

    /// <summary>Every access token handed out by <c>POST /token</c>.</summary>
    public IReadOnlyCollection<string> IssuedTokens => _tokens.Keys.ToList();

    /// <summary>Objects per listing page at most, whatever <c>maxResults</c> asks (to make the client page).</summary>
    public int PageSize { get; set; } = 1000;

    /// <summary>Answers a request instead of the stand-in when it returns true.</summary>
    public Func<HttpListenerContext, bool>? Intercept { get; set; }

    public CancellationToken Stopping => _server.Stopping;

    /// <summary>
    /// From now on every API request needs a bearer token from <c>POST /token</c>, granted only for a JWT signed with
    /// <paramref name="account"/> (the public half is what the server keeps).
    /// </summary>
    public void RequireServiceAccount(RSA account) => _account = account;

    /// <summary>The environment an unauthenticated client of the stand-in needs (as an emulator).</summary>
    public Dictionary<string, string?> EmulatorVariables() => new(StringComparer.Ordinal)
    {
        ["STORAGE_EMULATOR_HOST"] = Endpoint,
        ["NO_PROXY"] = "127.0.0.1,localhost",
    };

    /// <summary>The environment of a client with a service account key file at <paramref name="keyFile"/>.</summary>
    public Dictionary<string, string?> ServiceAccountVariables(string keyFile) => new(StringComparer.Ordinal)
    {
        ["GOOGLE_APPLICATION_CREDENTIALS"] = keyFile,
        ["MLAUDIT_GCS_ENDPOINT"] = Endpoint,
        ["NO_PROXY"] = "127.0.0.1,localhost",
    };

    /// <summary>A service account key file (Google's JSON shape) for <paramref name="key"/>, whose <c>token_uri</c> is this server's.</summary>
    public string KeyFile(RSA key, string path)
    {
        var json = new JsonObject
        {
            ["type"] = "service_account",
            ["project_id"] = "mlaudit-test",
            ["private_key_id"] = "0123456789abcdef",
            ["private_key"] = key.ExportPkcs8PrivateKeyPem(),
            ["client_email"] = ClientEmail,
            ["client_id"] = "4711",
            ["token_uri"] = Endpoint + "/token",
        };
        File.WriteAllText(path, json.ToJsonString());
        return path;
    }

    public void CreateBucket(string bucket) => _buckets[bucket] = true;

    public void Put(string bucket, string name, byte[] content)
    {
        CreateBucket(bucket);
        _objects[(bucket, name)] = content;
    }

    /// <summary>Uploads every file under <paramref name="folder"/> as <c>prefix/relative path</c>.</summary>
    public void Upload(string bucket, string prefix, string folder)
    {
        CreateBucket(bucket);
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(folder, file).Replace('\\', '/');
            Put(bucket, prefix.Length == 0 ? relative : prefix.TrimEnd('/') + "/" + relative, File.ReadAllBytes(file));
        }
    }

    /// <summary>
    /// A fixture project's <c>mlruns</c> uploaded to a new bucket, and its SQLite database copied into <paramref name="folder"/>
    /// with every artifact location under <c>gs://bucket</c>; the requests so far are forgotten. Returns the copy's path.
    /// </summary>
    public string UploadStore(string project, string bucket, string folder)
    {
        Upload(bucket, "", Path.Combine(project, "mlruns"));
        var database = ObjectStoreCopy.Sqlite(Path.Combine(project, "mlflow.db"), folder, $"gs://{bucket}");
        Requests.Clear();
        return database;
    }

    public void Dispose() => _server.Dispose();

    /// <summary>Google's JSON error body.</summary>
    public static string Error(int code, string reason, string message) => new JsonObject
    {
        ["error"] = new JsonObject
        {
            ["code"] = code,
            ["message"] = message,
            ["errors"] = new JsonArray(new JsonObject { ["message"] = message, ["domain"] = "global", ["reason"] = reason }),
        },
    }.ToJsonString();

    public static void Reply(HttpListenerContext context, int status, string json, string contentType = "application/json; charset=UTF-8") =>
        Reply(context, status, Encoding.UTF8.GetBytes(json), contentType);

    private static void Reply(HttpListenerContext context, int status, byte[] body, string contentType)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        context.Response.ContentLength64 = body.Length;
        context.Response.OutputStream.Write(body);
        context.Response.Close();
    }

    private void Handle(HttpListenerContext context)
    {
        var request = context.Request;
        var path = request.Url!.AbsolutePath;
        if (path == "/token")
        {
            Token(context);
            return;
        }

        Requests.Enqueue((request.HttpMethod, request.RawUrl ?? ""));
        if (Intercept?.Invoke(context) == true)
        {
            return;
        }

        if (_account is not null && !(request.Headers["Authorization"] is { } auth && auth.StartsWith("Bearer ", StringComparison.Ordinal) && _tokens.ContainsKey(auth[7..])))
        {
            Reply(context, 401, Error(401, "required", "Anonymous caller does not have storage.objects.list access to the Google Cloud Storage bucket. Permission 'storage.objects.list' denied on resource (or it may not exist)."));
            return;
        }

        Api(context, path.StartsWith("/download/", StringComparison.Ordinal) ? path["/download".Length..] : path);
    }

    private void Api(HttpListenerContext context, string path)
    {
        var query = context.Request.QueryString;
        var parts = path.Split('/');
        // "", "storage", "v1", "b", bucket, "o"[, object]
        if (context.Request.HttpMethod != "GET" || parts.Length < 6 || parts[1] != "storage" || parts[2] != "v1" || parts[3] != "b" || parts[5] != "o")
        {
            Reply(context, 405, Error(405, "methodNotAllowed", "this stand-in serves objects.list and objects.get only"));
            return;
        }

        var bucket = Uri.UnescapeDataString(parts[4]);
        if (!_buckets.ContainsKey(bucket))
        {
            Reply(context, 404, Error(404, "notFound", "The specified bucket does not exist."));
            return;
        }

        if (parts.Length == 6)
        {
            List(context, bucket, query["prefix"] ?? "", query["delimiter"], query["pageToken"], int.TryParse(query["maxResults"], out var max) ? max : 1000);
            return;
        }

        var name = Uri.UnescapeDataString(string.Join('/', parts[6..]));
        if (!_objects.TryGetValue((bucket, name), out var content))
        {
            Reply(context, 404, Error(404, "notFound", $"No such object: {bucket}/{name}"));
            return;
        }

        if (query["alt"] == "media")
        {
            context.Response.Headers["x-goog-hash"] = "md5=" + Convert.ToBase64String(MD5.HashData(content));
            context.Response.Headers["x-goog-stored-content-length"] = content.Length.ToString(System.Globalization.CultureInfo.InvariantCulture);
            Reply(context, 200, content, "application/octet-stream");
            return;
        }

        Reply(context, 200, Metadata(bucket, name, content).ToJsonString());
    }

    private void List(HttpListenerContext context, string bucket, string prefix, string? delimiter, string? pageToken, int maxResults)
    {
        var items = new JsonArray();
        var prefixes = new SortedSet<string>(StringComparer.Ordinal);
        var names = _objects.Keys.Where(k => k.Bucket == bucket && k.Name.StartsWith(prefix, StringComparison.Ordinal)).Select(k => k.Name).Order(StringComparer.Ordinal).ToList();
        var start = pageToken is null ? 0 : int.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(pageToken)), System.Globalization.CultureInfo.InvariantCulture);
        var size = Math.Max(1, Math.Min(maxResults, PageSize));
        var index = start;
        var taken = 0;
        for (; index < names.Count && taken < size; index++)
        {
            var rest = names[index][prefix.Length..];
            if (!string.IsNullOrEmpty(delimiter) && rest.IndexOf(delimiter, StringComparison.Ordinal) is var at and >= 0)
            {
                if (prefixes.Add(prefix + rest[..(at + delimiter.Length)]))
                {
                    taken++;
                }

                continue;
            }

            items.Add(Metadata(bucket, names[index], _objects[(bucket, names[index])]));
            taken++;
        }

        var answer = new JsonObject { ["kind"] = "storage#objects" };
        if (items.Count > 0)
        {
            answer["items"] = items;
        }

        if (prefixes.Count > 0)
        {
            answer["prefixes"] = new JsonArray(prefixes.Select(p => (JsonNode)p).ToArray());
        }

        if (index < names.Count)
        {
            answer["nextPageToken"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(index.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        Reply(context, 200, answer.ToJsonString());
    }

    private static JsonObject Metadata(string bucket, string name, byte[] content) => new()
    {
        ["kind"] = "storage#object",
        ["id"] = $"{bucket}/{name}/1",
        ["name"] = name,
        ["bucket"] = bucket,
        ["generation"] = "1",
        ["metageneration"] = "1",
        ["contentType"] = "application/octet-stream",
        ["size"] = content.Length.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["md5Hash"] = Convert.ToBase64String(MD5.HashData(content)),
    };

    /// <summary>The token endpoint: a JWT-bearer grant (RS256) from the service account, checked, for a new access token.</summary>
    private void Token(HttpListenerContext context)
    {
        string body;
        using (var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8))
        {
            body = reader.ReadToEnd();
        }

        var form = body.Split('&').Select(p => p.Split('=', 2)).ToDictionary(p => Uri.UnescapeDataString(p[0]), p => p.Length > 1 ? Uri.UnescapeDataString(p[1].Replace('+', ' ')) : "", StringComparer.Ordinal);
        if (context.Request.HttpMethod != "POST" || form.GetValueOrDefault("grant_type") != "urn:ietf:params:oauth:grant-type:jwt-bearer" || form.GetValueOrDefault("assertion") is not { } assertion)
        {
            Reply(context, 400, """{"error":"unsupported_grant_type","error_description":"Invalid grant_type."}""");
            return;
        }

        if (Refusal(assertion) is { } refusal)
        {
            Reply(context, 400, new JsonObject { ["error"] = "invalid_grant", ["error_description"] = refusal }.ToJsonString());
            return;
        }

        var token = "ya29.test-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        _tokens[token] = true;
        Reply(context, 200, new JsonObject { ["access_token"] = token, ["expires_in"] = 3599, ["token_type"] = "Bearer" }.ToJsonString());
    }

    private string? Refusal(string jwt)
    {
        var parts = jwt.Split('.');
        if (parts.Length != 3 || _account is null)
        {
            return "Invalid JWT.";
        }

        if (!_account.VerifyData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), System.Buffers.Text.Base64Url.DecodeFromChars(parts[2]), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))
        {
            return "Invalid JWT Signature.";
        }

        using var claims = JsonDocument.Parse(System.Buffers.Text.Base64Url.DecodeFromChars(parts[1]));
        var root = claims.RootElement;
        if (root.GetProperty("iss").GetString() != ClientEmail)
        {
            return "Invalid issuer.";
        }

        // Google's client names Google's token endpoint as the audience wherever it posts the grant, as Google documents.
        var audience = root.GetProperty("aud").GetString();
        if (audience != Endpoint + "/token" && audience != "https://oauth2.googleapis.com/token")
        {
            return "Invalid audience.";
        }

        // mlaudit asks for read-only storage and nothing more.
        if (!root.TryGetProperty("scope", out var scope) || scope.GetString() != "https://www.googleapis.com/auth/devstorage.read_only")
        {
            return "Invalid scope: only devstorage.read_only is granted here.";
        }

        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        return root.GetProperty("exp").GetInt64() < now || root.GetProperty("iat").GetInt64() > now + 300 ? "Invalid JWT: Token must be a short-lived token and in a reasonable timeframe." : null;
    }
}
