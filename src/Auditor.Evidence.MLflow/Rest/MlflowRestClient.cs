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
    private readonly HttpClient _http;
    private readonly SemaphoreSlim _slots;
    private readonly RestConnection _connection;
    private readonly TrackingReadOptions _options;
    private readonly string _redactedUri;

    public MlflowRestClient(RestConnection connection, TrackingReadOptions options, string redactedUri)
    {
        _connection = connection;
        _options = options;
        _redactedUri = redactedUri;
        _slots = new SemaphoreSlim(Math.Max(1, options.MaxConcurrentRequests));
        _http = new HttpClient(options.HttpHandler ?? connection.CreateHandler(), disposeHandler: options.HttpHandler is null)
        {
            BaseAddress = connection.BaseAddress,
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    /// <summary>A GET with a query string; null answers 404 when <paramref name="missingIsNull"/> (an endpoint this server lacks).</summary>
    public Task<JsonElement?> GetAsync(string path, IEnumerable<(string Key, string Value)> query, bool missingIsNull = false) =>
        SendAsync<JsonElement?>(path, () => Json(new HttpRequestMessage(HttpMethod.Get, WithQuery(path, query))), ReadJson, missingIsNull ? () => null : null);

    public Task<JsonElement?> PostAsync(string path, JsonObject body, bool missingIsNull = false)
    {
        var json = body.ToJsonString();
        return SendAsync<JsonElement?>(path, () => Json(new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") }), ReadJson, missingIsNull ? () => null : null);
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

    /// <summary>Sends with retries; <paramref name="missing"/>, when given, is the answer to a 404.</summary>
    private async Task<T> SendAsync<T>(string path, Func<HttpRequestMessage> request, Func<string, HttpResponseMessage, CancellationToken, Task<T>> read, Func<T>? missing)
    {
        var cancel = _options.Cancellation;
        await _slots.WaitAsync(cancel).ConfigureAwait(false);
        try
        {
            for (var attempt = 0; ; attempt++)
            {
                using var message = request();
                message.Headers.Authorization = _connection.Authorization;
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancel);
                timeout.CancelAfter(_connection.Timeout);
                HttpResponseMessage response;
                try
                {
                    response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
                {
                    throw Problem(path, $"no answer within {_connection.Timeout.TotalSeconds:0.###} s (set MLFLOW_HTTP_REQUEST_TIMEOUT to wait longer)");
                }
                catch (HttpRequestException e) when (attempt < _connection.MaxRetries)
                {
                    _ = e;
                    await Task.Delay(Backoff(attempt), cancel).ConfigureAwait(false);
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
                        await Task.Delay(RetryDelay(response, attempt), cancel).ConfigureAwait(false);
                        continue;
                    }

                    if (response.StatusCode == HttpStatusCode.NotFound && missing is not null)
                    {
                        return missing();
                    }

                    if (!response.IsSuccessStatusCode)
                    {
                        throw Problem(path, await Describe(response, attempt, timeout.Token).ConfigureAwait(false));
                    }

                    return await read(path, response, timeout.Token).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            _slots.Release();
        }
    }

    private async Task<string> ReadText(string path, HttpResponseMessage response, int maxBytes, CancellationToken cancel)
    {
        if (response.Content.Headers.ContentLength is { } length && length > maxBytes)
        {
            throw ModelFileText.TooLarge(maxBytes, length);
        }

        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(cancel).ConfigureAwait(false);
            return await ModelFileText.ReadAsync(stream, maxBytes, cancel).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!_options.Cancellation.IsCancellationRequested)
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

    private async Task<JsonElement?> ReadJson(string path, HttpResponseMessage response, CancellationToken cancel)
    {
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(cancel).ConfigureAwait(false);
            using var document = await JsonDocument.ParseAsync(stream, default, cancel).ConfigureAwait(false);
            return document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw Problem(path, $"the answer is not complete JSON (truncated or not JSON: {OneLine(e.Message)})", e);
        }
        catch (OperationCanceledException) when (!_options.Cancellation.IsCancellationRequested)
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

    private static async Task<string> Describe(HttpResponseMessage response, int attempt, CancellationToken cancel)
    {
        var status = (int)response.StatusCode;
        var head = $"HTTP {status} {response.ReasonPhrase}";
        switch (status)
        {
            case 401:
                return head + ": the server wants credentials (set MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD, or MLFLOW_TRACKING_TOKEN)";
            case 403:
                return head + ": these credentials may not read this server";
        }

        var code = "";
        try
        {
            var body = await response.Content.ReadAsStringAsync(cancel).ConfigureAwait(false);
            using var document = JsonDocument.Parse(body);
            code = document.RootElement.TryGetProperty("error_code", out var c) ? c.GetString() ?? "" : "";
        }
        catch (Exception e) when (e is JsonException or HttpRequestException or IOException or OperationCanceledException)
        {
            // The body is only a hint.
        }

        var retried = attempt > 0 ? $" after {attempt + 1} attempts" : "";
        return status == 404
            ? head + (code.Length > 0 ? $" ({code})" : "") + ": is this an MLflow tracking server, and is the path of the URI right?"
            : head + (code.Length > 0 ? $" ({code})" : "") + retried;
    }

    private TimeSpan RetryDelay(HttpResponseMessage response, int attempt)
    {
        var retryAfter = response.Headers.RetryAfter;
        TimeSpan? asked = retryAfter?.Delta ?? (retryAfter?.Date is { } date ? date - DateTimeOffset.UtcNow : null);
        if (asked is { } wait)
        {
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait > _options.MaxRetryAfter ? _options.MaxRetryAfter : wait;
        }

        return Backoff(attempt);
    }

    private TimeSpan Backoff(int attempt)
    {
        var delay = _options.RetryBaseDelay * Math.Pow(2, attempt);
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
