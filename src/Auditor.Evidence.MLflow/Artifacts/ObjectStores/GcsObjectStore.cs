using System.Net;
using System.Text.Json;

namespace Auditor.Evidence.MLflow.Artifacts.ObjectStores;

/// <summary>
/// Google Cloud Storage through its JSON API, read-only: <c>objects.list</c> of the model folder with '/' as
/// delimiter and only names and sizes asked for (so nothing below or beside it is listed), and the media download
/// (<c>alt=media</c>) of a listed object. Plain HttpClient and JsonDocument, no Google.Apis: that library reads its
/// JSON with Newtonsoft.Json by reflection, which Native AOT cannot keep. The per-request timeout is the tracking
/// client's (<c>MLFLOW_HTTP_REQUEST_TIMEOUT</c>); a failure that may pass (HTTP 408, 429, 5xx, no connection) is
/// retried here, at most <c>MLFLOW_HTTP_REQUEST_MAX_RETRIES</c> times, so the bound is the one every store has.
/// </summary>
internal sealed class GcsObjectStore : IObjectStore, IDisposable
{
    private const string Service = "Google Cloud Storage";

    /// <summary>Listing pages of one folder read at most (1,000 objects each): a model folder holds a handful of files.</summary>
    private const int MaxPages = 10;

    /// <summary>An error body is read up to this much for its message.</summary>
    private const int MaxErrorBytes = 64 * 1024;

    private readonly HttpClient _http;
    private readonly GcsCredential? _credential;
    private readonly string _base;
    private readonly TimeSpan _timeout;
    private readonly int _retries;

    public GcsObjectStore(GcsSettings settings, TimeSpan timeout, int retries)
    {
        _timeout = timeout;
        _retries = Math.Max(0, retries);
        _credential = settings.Credential;
        _base = settings.BaseUri.EndsWith('/') ? settings.BaseUri : settings.BaseUri + "/";
        _http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), AllowAutoRedirect = false, AutomaticDecompression = DecompressionMethods.All })
        {
            Timeout = timeout,
        };
    }

    public async Task<IReadOnlyDictionary<string, long?>?> ListAsync(ObjectStoreUri folder, CancellationToken cancel)
    {
        var files = new Dictionary<string, long?>(StringComparer.Ordinal);
        string? pageToken = null;
        for (var page = 0; page < MaxPages; page++)
        {
            var query = $"prefix={Uri.EscapeDataString(folder.ListPrefix)}&delimiter=%2F&maxResults=1000&fields={Uri.EscapeDataString("items(name,size),prefixes,nextPageToken")}"
                + (pageToken is null ? "" : "&pageToken=" + Uri.EscapeDataString(pageToken));
            var url = $"{_base}b/{Uri.EscapeDataString(folder.Bucket)}/o?{query}";
            var response = await Call(async () =>
            {
                using var answer = await Send(url, cancel).ConfigureAwait(false);
                if (answer is null)
                {
                    return null;
                }

                using var document = await JsonDocument.ParseAsync(await answer.Content.ReadAsStreamAsync(cancel).ConfigureAwait(false), default, cancel).ConfigureAwait(false);
                return Listing.Of(document.RootElement);
            }, cancel).ConfigureAwait(false);
            if (response is null)
            {
                return page == 0 ? null : files;
            }

            foreach (var (key, size) in response.Items)
            {
                if (folder.NameOf(key) is { } name)
                {
                    files.TryAdd(name, size);
                }
            }

            if (string.IsNullOrEmpty(response.NextPageToken))
            {
                break;
            }

            pageToken = response.NextPageToken;
        }

        return files;
    }

    public Task<string?> ReadTextAsync(ObjectStoreUri folder, string name, int maxBytes, CancellationToken cancel) =>
        Call<string>(async () =>
        {
            using var answer = await Send($"{_base}b/{Uri.EscapeDataString(folder.Bucket)}/o/{Uri.EscapeDataString(folder.KeyOf(name))}?alt=media", cancel).ConfigureAwait(false);
            if (answer is null)
            {
                return null;
            }

            using var buffer = new MemoryStream();
            await using (var capped = new CappedWriteStream(buffer, maxBytes))
            {
                await answer.Content.CopyToAsync(capped, cancel).ConfigureAwait(false);
            }

            buffer.Position = 0;
            return await ModelFileText.ReadAsync(buffer, maxBytes, cancel).ConfigureAwait(false);
        }, cancel);

    public void Dispose()
    {
        _http.Dispose();
        _credential?.Dispose();
    }

    /// <summary>A GET with the bearer token (when there is a credential); the answer, null for HTTP 404, else <see cref="GcsHttpException"/>.</summary>
    private async Task<HttpResponseMessage?> Send(string url, CancellationToken cancel)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (_credential is not null)
        {
            request.Headers.Authorization = await _credential.AuthorizationAsync(_http, cancel).ConfigureAwait(false);
        }

        var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancel).ConfigureAwait(false);
        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return null;
            }

            var (reason, message) = await ErrorOf(response, cancel).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            var refused = response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized;
            throw new GcsHttpException(status, $"{Service} {(refused ? "refused the request" : "request failed")} (HTTP {status} {reason}): {ObjectStoreException.OneLine(message)}");
        }
    }

    /// <summary>The reason and message of Google's error JSON (<c>{"error":{"code","message","errors":[{"reason"}]}}</c>), or the status.</summary>
    private static async Task<(string Reason, string Message)> ErrorOf(HttpResponseMessage response, CancellationToken cancel)
    {
        var reason = response.StatusCode.ToString();
        var message = response.ReasonPhrase ?? reason;
        try
        {
            var bytes = new byte[MaxErrorBytes];
            await using var body = await response.Content.ReadAsStreamAsync(cancel).ConfigureAwait(false);
            var length = await body.ReadAtLeastAsync(bytes, bytes.Length, throwOnEndOfStream: false, cancel).ConfigureAwait(false);
            using var document = JsonDocument.Parse(bytes.AsMemory(0, length));
            if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
            {
                message = GcsCredential.Text(error, "message") ?? message;
                if (error.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array && errors.GetArrayLength() > 0
                    && GcsCredential.Text(errors[0], "reason") is { Length: > 0 } first)
                {
                    reason = first;
                }
            }
        }
        catch (Exception e) when (e is JsonException or IOException or HttpRequestException)
        {
            // No JSON error: the status line.
        }

        return (reason, message);
    }

    /// <summary>One page of <c>objects.list</c>: names and sizes of the objects, and the next page's token.</summary>
    private sealed record Listing(List<(string Name, long? Size)> Items, string? NextPageToken)
    {
        public static Listing Of(JsonElement root)
        {
            var items = new List<(string, long?)>();
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("items", out var array) && array.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in array.EnumerateArray())
                {
                    if (GcsCredential.Text(item, "name") is { } name)
                    {
                        // The JSON API writes sizes as strings of digits (uint64).
                        long? size = item.TryGetProperty("size", out var s) && (s.ValueKind == JsonValueKind.String ? long.TryParse(s.GetString(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) : s.TryGetInt64(out n)) ? n : null;
                        items.Add((name, size));
                    }
                }
            }

            return new Listing(items, GcsCredential.Text(root, "nextPageToken"));
        }
    }

    /// <summary>The answer; null for HTTP 404; a failure that may pass is retried; every other failure as one line.</summary>
    private async Task<T?> Call<T>(Func<Task<T?>> call, CancellationToken cancel)
        where T : class
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await call().ConfigureAwait(false);
            }
            catch (Exception e) when (attempt < _retries && Transient(e, cancel))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500 * (1 << Math.Min(attempt, 5))), cancel).ConfigureAwait(false);
            }
            catch (GcsHttpException e)
            {
                throw new ObjectStoreException(e.Message);
            }
            catch (Exception e) when (e is TimeoutException || (e is OperationCanceledException && !cancel.IsCancellationRequested))
            {
                throw ObjectStoreException.NoAnswer(Service, _timeout);
            }
            catch (Exception e) when (e is HttpRequestException or IOException && e is not InvalidDataException)
            {
                throw new ObjectStoreException($"{Service} did not answer: {ObjectStoreException.OneLine(e.Message)}");
            }
        }
    }

    private static bool Transient(Exception e, CancellationToken cancel) => e switch
    {
        GcsHttpException http => http.Status is 408 or 429 or >= 500,
        HttpRequestException => true,
        OperationCanceledException => !cancel.IsCancellationRequested,
        _ => false,
    };
}
