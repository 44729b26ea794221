using System.Buffers;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Auditor.Evidence.MLflow.Artifacts;

namespace Auditor.Evidence.MLflow.Rest;

/// <summary>
/// Calls <c>/api/2.0/mlflow/...</c> and the artifact endpoints: a bounded number of requests in flight, retries with exponential back-off on
/// 429, 5xx and connection failures (honouring <c>Retry-After</c>), and one clear line for anything else.
/// </summary>
internal sealed class MlflowRestClient : IDisposable
{
    /// <summary>An error answer is read for its <c>error_code</c> only: at most this much of it.</summary>
    private const int ErrorBodyBytes = 64 * 1024;

    private readonly HttpClient _http;
    private readonly SemaphoreSlim _slots;
    private readonly RestConnection _connection;
    private readonly TrackingReadOptions _options;
    private readonly RestBudget _budget;
    private readonly string _redactedUri;

    public MlflowRestClient(RestConnection connection, TrackingReadOptions options, RestBudget budget, string redactedUri)
    {
        _connection = connection;
        _options = options;
        _budget = budget;
        _redactedUri = redactedUri;
        _slots = new SemaphoreSlim(Math.Max(1, options.MaxConcurrentRequests));
        _http = new HttpClient(options.HttpHandler ?? connection.CreateHandler(), disposeHandler: options.HttpHandler is null)
        {
            BaseAddress = connection.BaseAddress,
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    public RestBudget Budget => _budget;

    /// <summary>
    /// A GET with a query string; null answers 404 when <paramref name="missingIsNull"/> (an endpoint this server lacks).
    /// The caller owns the answer: disposing it gives its buffers back to the pool for the next page.
    /// </summary>
    public Task<JsonDocument?> GetAsync(string path, IEnumerable<(string Key, string Value)> query, bool missingIsNull = false) =>
        SendAsync<JsonDocument?>(path, () => Json(new HttpRequestMessage(HttpMethod.Get, WithQuery(path, query))), ReadJson, missingIsNull ? () => null : null);

    /// <summary>A POST of a JSON body; the answer as <see cref="GetAsync"/> gives it.</summary>
    public Task<JsonDocument?> PostAsync(string path, JsonObject body, bool missingIsNull = false) =>
        SendAsync<JsonDocument?>(path, Post(path, body), ReadJson, missingIsNull ? () => null : null);

    /// <summary>
    /// A POST whose answer <paramref name="read"/> takes from its UTF-8 bytes, with no document built (a runs page);
    /// JSON it finds truncated or malformed (<see cref="JsonException"/>) is the answer's problem, as for a document.
    /// </summary>
    public Task<T> PostAsync<T>(string path, JsonObject body, Func<ReadOnlySpan<byte>, T> read) =>
        SendAsync(path, Post(path, body), (p, response, cancel) => ReadBytes(p, response, read, cancel), null);

    private static Func<HttpRequestMessage> Post(string path, JsonObject body)
    {
        var json = body.ToJsonString();
        return () => Json(new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") });
    }

    /// <summary>
    /// A file's text from an artifact endpoint, or null when the server answers 404. More than
    /// <paramref name="maxBytes"/> (by Content-Length, else while reading) throws <see cref="InvalidDataException"/>
    /// without reading the rest.
    /// </summary>
    public Task<string?> GetTextAsync(string path, IEnumerable<(string Key, string Value)> query, int maxBytes) =>
        SendAsync<string?>(path, () => new HttpRequestMessage(HttpMethod.Get, WithQuery(path, query)), async (p, response, cancel) => await ReadText(p, response, maxBytes, cancel).ConfigureAwait(false), () => null);

    private static string WithQuery(string path, IEnumerable<(string Key, string Value)> query) =>
        query.Any() ? path + "?" + string.Join('&', query.Select(q => Uri.EscapeDataString(q.Key) + "=" + Uri.EscapeDataString(q.Value))) : path;

    private static HttpRequestMessage Json(HttpRequestMessage message)
    {
        message.Headers.Accept.ParseAdd("application/json");
        return message;
    }

    /// <summary>
    /// Sends with retries; <paramref name="missing"/>, when given, is the answer to a 404. Everything, waits for a
    /// slot and between retries included, ends at the audit's deadline with a <see cref="RestLimitException"/>.
    /// </summary>
    /// <summary>Whether the server has answered a request with success at least once: it was reached and took the credentials.</summary>
    public bool Answered { get; private set; }

    private async Task<T> SendAsync<T>(string path, Func<HttpRequestMessage> request, Func<string, HttpResponseMessage, CancellationToken, Task<T>> read, Func<T>? missing)
    {
        _budget.ThrowIfExhausted(path);
        var cancel = _budget.Token;
        try
        {
            await _slots.WaitAsync(cancel).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_budget.DeadlinePassed)
        {
            throw _budget.Stopped(path);
        }

        try
        {
            for (var attempt = 0; ; attempt++)
            {
                _budget.ThrowIfExhausted(path);
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancel);
                timeout.CancelAfter(_connection.Timeout);
                HttpResponseMessage response;
                try
                {
                    response = await SendFollowingRedirectsAsync(path, request, timeout.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (_budget.DeadlinePassed)
                {
                    throw _budget.Stopped(path);
                }
                catch (OperationCanceledException) when (!_options.Cancellation.IsCancellationRequested)
                {
                    throw Problem(path, $"no answer within {_connection.Timeout.TotalSeconds:0.###} s (set MLFLOW_HTTP_REQUEST_TIMEOUT to wait longer)");
                }
                catch (HttpRequestException e) when (attempt < _connection.MaxRetries && Fits(Backoff(attempt)))
                {
                    _ = e;
                    await WaitAsync(path, Backoff(attempt)).ConfigureAwait(false);
                    continue;
                }
                catch (HttpRequestException e)
                {
                    throw Problem(path, "cannot connect: " + OneLine(e.Message), e);
                }

                using (response)
                {
                    var status = (int)response.StatusCode;
                    if ((status == 429 || status >= 500) && attempt < _connection.MaxRetries)
                    {
                        var delay = RetryDelay(response, attempt);
                        if (Fits(delay))
                        {
                            await WaitAsync(path, delay).ConfigureAwait(false);
                            continue;
                        }

                        throw Problem(path, await Describe(response, attempt, timeout.Token).ConfigureAwait(false)
                            + $"; not retried: the wait of {RestLimits.Duration(delay)} would pass the deadline");
                    }

                    if (response.StatusCode == HttpStatusCode.NotFound && missing is not null)
                    {
                        return missing();
                    }

                    if (!response.IsSuccessStatusCode)
                    {
                        throw Problem(path, await Describe(response, attempt, timeout.Token).ConfigureAwait(false));
                    }

                    Answered = true;

                    try
                    {
                        return await read(path, response, timeout.Token).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException) when (_budget.DeadlinePassed)
                    {
                        throw _budget.Stopped(path);
                    }
                }
            }
        }
        finally
        {
            _slots.Release();
        }
    }

    /// <summary>
    /// Sends the request, following redirects by hand and only within the server's origin (scheme, host and port): a
    /// redirect elsewhere, another host, port or scheme, is a problem, never a request to a server the user did not name.
    /// </summary>
    private async Task<HttpResponseMessage> SendFollowingRedirectsAsync(string path, Func<HttpRequestMessage> request, CancellationToken cancel)
    {
        Uri? target = null;
        var asGet = false;
        for (var hops = 0; ; hops++)
        {
            var message = request();
            if (target is not null)
            {
                message.RequestUri = target;
                if (asGet)
                {
                    message.Method = HttpMethod.Get;
                    message.Content = null;
                }
            }

            message.Headers.Authorization = _connection.Authorization;
            var response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancel).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            if (status is not (301 or 302 or 303 or 307 or 308))
            {
                return response;
            }

            var from = message.RequestUri!.IsAbsoluteUri ? message.RequestUri : new Uri(_connection.BaseAddress, message.RequestUri);
            var location = response.Headers.Location;
            response.Dispose();
            message.Dispose();
            if (location is null)
            {
                throw Problem(path, $"HTTP {status} without a Location to go to");
            }

            var next = location.IsAbsoluteUri ? location : new Uri(from, location);
            if (!SameOrigin(next, _connection.BaseAddress))
            {
                throw Problem(path, $"HTTP {status}: redirected to another origin ({Origin(next)}); not followed (mlaudit reads only the server it is given)");
            }

            if (hops >= _budget.Limits.MaxRedirects)
            {
                throw Problem(path, $"more than {_budget.Limits.MaxRedirects} redirects; stopped");
            }

            target = next;
            asGet |= status == 303 || (status is 301 or 302 && message.Method == HttpMethod.Post);
        }
    }

    private static bool SameOrigin(Uri a, Uri b) =>
        string.Equals(a.Scheme, b.Scheme, StringComparison.OrdinalIgnoreCase) && string.Equals(a.IdnHost, b.IdnHost, StringComparison.OrdinalIgnoreCase) && a.Port == b.Port;

    private static string Origin(Uri uri) => uri.Scheme is "http" or "https" ? $"{uri.Scheme}://{uri.IdnHost}:{uri.Port}" : uri.Scheme + ":";

    /// <summary>Whether a wait ends before the deadline, so a retry after it could still be answered in time.</summary>
    private bool Fits(TimeSpan delay) => delay < _budget.Remaining;

    private async Task WaitAsync(string path, TimeSpan delay)
    {
        try
        {
            await Task.Delay(delay, _budget.Time, _budget.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_budget.DeadlinePassed)
        {
            throw _budget.Stopped(path);
        }
    }

    /// <summary>The answer's body, at most the response bound (checked against Content-Length first), counted against the audit's bytes.</summary>
    private Stream Capped(string path, HttpResponseMessage response, Stream body, long cap)
    {
        var tooLarge = _budget.Limit(path, $"an answer was larger than {RestLimits.Size(cap)} ({RestLimits.ResponseVariable} raises it)");
        if (response.Content.Headers.ContentLength is { } length && length > cap)
        {
            body.Dispose();
            throw tooLarge;
        }

        return new CappedStream(body, cap, n => _budget.CountBytes(path, n), () => tooLarge);
    }

    private async Task<string> ReadText(string path, HttpResponseMessage response, int maxBytes, CancellationToken cancel)
    {
        if (response.Content.Headers.ContentLength is { } length && length > maxBytes)
        {
            throw ModelFileText.TooLarge(maxBytes, length);
        }

        try
        {
            await using var stream = Capped(path, response, await response.Content.ReadAsStreamAsync(cancel).ConfigureAwait(false), _budget.Limits.MaxResponseBytes);
            return await ModelFileText.ReadAsync(stream, maxBytes, cancel).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!_options.Cancellation.IsCancellationRequested && !_budget.DeadlinePassed)
        {
            throw Problem(path, $"the answer did not finish within {_connection.Timeout.TotalSeconds:0.###} s");
        }
        catch (HttpRequestException e)
        {
            throw Problem(path, "the answer broke off: " + OneLine(e.Message), e);
        }
        catch (IOException e) when (e is not RestStoreException)
        {
            throw Problem(path, "the answer broke off: " + OneLine(e.Message), e);
        }
    }

    private Task<JsonDocument?> ReadJson(string path, HttpResponseMessage response, CancellationToken cancel) =>
        ReadingJson(path, async () =>
        {
            await using var stream = Capped(path, response, await response.Content.ReadAsStreamAsync(cancel).ConfigureAwait(false), _budget.Limits.MaxResponseBytes);
            return (JsonDocument?)await JsonDocument.ParseAsync(stream, default, cancel).ConfigureAwait(false);
        });

    /// <summary>The whole answer into a pooled buffer (sized by Content-Length when given), handed to <paramref name="read"/>.</summary>
    private Task<T> ReadBytes<T>(string path, HttpResponseMessage response, Func<ReadOnlySpan<byte>, T> read, CancellationToken cancel) =>
        ReadingJson(path, async () =>
        {
            await using var stream = Capped(path, response, await response.Content.ReadAsStreamAsync(cancel).ConfigureAwait(false), _budget.Limits.MaxResponseBytes);
            var expected = response.Content.Headers.ContentLength is { } declared ? Math.Min(declared, _budget.Limits.MaxResponseBytes) : 16 * 1024;
            var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Min(expected, Array.MaxLength - 1) + 1);
            try
            {
                var length = 0;
                int n;
                while ((n = await stream.ReadAsync(buffer.AsMemory(length), cancel).ConfigureAwait(false)) > 0)
                {
                    length += n;
                    if (length == buffer.Length)
                    {
                        PooledBytes.Grow(ref buffer, length);
                    }
                }

                return read(buffer.AsSpan(0, length));
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        });

    /// <summary>Reading an answer as JSON: what can go wrong on the way, each as the one-line problem of this path.</summary>
    private async Task<T> ReadingJson<T>(string path, Func<Task<T>> reading)
    {
        try
        {
            return await reading().ConfigureAwait(false);
        }
        catch (JsonException e)
        {
            throw Problem(path, $"the answer is not complete JSON (truncated or not JSON: {OneLine(e.Message)})", e);
        }
        catch (OperationCanceledException) when (!_options.Cancellation.IsCancellationRequested && !_budget.DeadlinePassed)
        {
            throw Problem(path, $"the answer did not finish within {_connection.Timeout.TotalSeconds:0.###} s");
        }
        catch (HttpRequestException e)
        {
            throw Problem(path, "the answer broke off: " + OneLine(e.Message), e);
        }
        catch (IOException e) when (e is not RestStoreException)
        {
            throw Problem(path, "the answer broke off: " + OneLine(e.Message), e);
        }
    }

    private async Task<string> Describe(HttpResponseMessage response, int attempt, CancellationToken cancel)
    {
        var status = (int)response.StatusCode;
        var head = $"HTTP {status} {OneLine(response.ReasonPhrase ?? "")}".TrimEnd();
        switch (status)
        {
            case 401:
                return head + ": the server wants credentials (set MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD, or MLFLOW_TRACKING_TOKEN)";
            case 403:
                return head + ": these credentials may not read this server";
        }

        var code = await ErrorCode(response, cancel).ConfigureAwait(false);
        var retried = attempt > 0 ? $" after {attempt + 1} attempts" : "";
        return status == 404
            ? head + (code.Length > 0 ? $" ({code})" : "") + ": is this an MLflow tracking server, and is the path of the URI right?"
            : head + (code.Length > 0 ? $" ({code})" : "") + retried;
    }

    /// <summary>
    /// The <c>error_code</c> of an error answer, read from at most its first 64 KiB, when it has the shape of MLflow's codes
    /// (<c>RESOURCE_DOES_NOT_EXIST</c>): anything else a server puts there (an echoed header, a page of text) is not repeated.
    /// </summary>
    private async Task<string> ErrorCode(HttpResponseMessage response, CancellationToken cancel)
    {
        try
        {
            await using var body = await response.Content.ReadAsStreamAsync(cancel).ConfigureAwait(false);
            var buffer = new byte[ErrorBodyBytes];
            var length = 0;
            int n;
            while (length < buffer.Length && (n = await body.ReadAsync(buffer.AsMemory(length), cancel).ConfigureAwait(false)) > 0)
            {
                length += n;
            }

            using var document = JsonDocument.Parse(buffer.AsMemory(0, length));
            var code = document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("error_code", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() ?? "" : "";
            return code.Length <= 64 && code.Length > 0 && code.All(ch => ch is (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_') ? code : "";
        }
        catch (Exception e) when (e is JsonException or HttpRequestException or IOException or OperationCanceledException)
        {
            return ""; // The body is only a hint.
        }
    }

    private TimeSpan RetryDelay(HttpResponseMessage response, int attempt)
    {
        var retryAfter = response.Headers.RetryAfter;
        TimeSpan? asked = retryAfter?.Delta ?? (retryAfter?.Date is { } date ? date - _budget.Time.GetUtcNow() : null);
        if (asked is { } wait)
        {
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait > _options.MaxRetryAfter ? _options.MaxRetryAfter : wait;
        }

        return Backoff(attempt);
    }

    private TimeSpan Backoff(int attempt)
    {
        var delay = _options.RetryBaseDelay * Math.Pow(2, Math.Min(attempt, 20));
        return delay > TimeSpan.FromSeconds(30) ? TimeSpan.FromSeconds(30) : delay;
    }

    private RestStoreException Problem(string path, string message, Exception? inner = null) =>
        new($"{_redactedUri}: {path}: {message}", inner);

    private static string OneLine(string message) => message.ReplaceLineEndings(" ").Trim();

    public void Dispose()
    {
        _http.Dispose();
        _slots.Dispose();
    }
}
