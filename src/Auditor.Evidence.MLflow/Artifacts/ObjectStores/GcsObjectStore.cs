using System.Net;
using Google;
using Google.Apis.Auth.OAuth2.Responses;
using Google.Cloud.Storage.V1;

namespace Auditor.Evidence.MLflow.Artifacts.ObjectStores;

/// <summary>
/// Google Cloud Storage through Google.Cloud.Storage.V1, read-only: <c>objects.list</c> of the model folder with '/' as
/// delimiter and only names and sizes asked for (so nothing below or beside it is listed), and the media download of a
/// listed object. The per-request timeout is the tracking client's (<c>MLFLOW_HTTP_REQUEST_TIMEOUT</c>); the library's
/// own retries are off and a failure that may pass (HTTP 408, 429, 5xx, no connection) is retried here, at most
/// <c>MLFLOW_HTTP_REQUEST_MAX_RETRIES</c> times, so the bound is the one every store has.
/// </summary>
internal sealed class GcsObjectStore : IObjectStore, IDisposable
{
    private const string Service = "Google Cloud Storage";

    /// <summary>Listing pages of one folder read at most (1,000 objects each): a model folder holds a handful of files.</summary>
    private const int MaxPages = 10;

    private readonly StorageClient _client;
    private readonly TimeSpan _timeout;
    private readonly int _retries;

    public GcsObjectStore(GcsSettings settings, TimeSpan timeout, int retries)
    {
        _timeout = timeout;
        _retries = Math.Max(0, retries);
        var builder = new StorageClientBuilder { EmulatorDetection = Google.Api.Gax.EmulatorDetection.None };
        if (settings.Credential is { } credential)
        {
            builder.Credential = credential;
        }
        else
        {
            builder.UnauthenticatedAccess = true;
        }

        if (settings.BaseUri is { } baseUri)
        {
            builder.BaseUri = baseUri;
        }

        _client = builder.Build();
        _client.Service.HttpClient.Timeout = timeout;
    }

    public async Task<IReadOnlyDictionary<string, long?>?> ListAsync(ObjectStoreUri folder, CancellationToken cancel)
    {
        var files = new Dictionary<string, long?>(StringComparer.Ordinal);
        string? pageToken = null;
        for (var page = 0; page < MaxPages; page++)
        {
            var options = new ListObjectsOptions
            {
                Delimiter = "/",
                PageSize = 1000,
                PageToken = pageToken,
                Fields = "items(name,size),prefixes,nextPageToken",
                RetryOptions = RetryOptions.Never,
            };
            var response = await Call(async () =>
            {
                var pages = _client.ListObjectsAsync(folder.Bucket, folder.ListPrefix, options).AsRawResponses();
                await using var enumerator = pages.GetAsyncEnumerator(cancel);
                return await enumerator.MoveNextAsync().ConfigureAwait(false) ? enumerator.Current : null;
            }, cancel).ConfigureAwait(false);
            if (response is null)
            {
                return page == 0 ? null : files;
            }

            foreach (var item in response.Items ?? [])
            {
                if (item.Name is { } key && folder.NameOf(key) is { } name)
                {
                    files.TryAdd(name, item.Size is { } size ? (long)size : null);
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
            using var buffer = new MemoryStream();
            await using var capped = new CappedWriteStream(buffer, maxBytes);
            await _client.DownloadObjectAsync(folder.Bucket, folder.KeyOf(name), capped, new DownloadObjectOptions(), cancel).ConfigureAwait(false);
            buffer.Position = 0;
            return await ModelFileText.ReadAsync(buffer, maxBytes, cancel).ConfigureAwait(false);
        }, cancel);

    public void Dispose() => _client.Dispose();

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
            catch (GoogleApiException e) when (e.HttpStatusCode == HttpStatusCode.NotFound)
            {
                return null;
            }
            catch (Exception e) when (attempt < _retries && Transient(e, cancel))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500 * (1 << Math.Min(attempt, 5))), cancel).ConfigureAwait(false);
            }
            catch (GoogleApiException e) when (e.HttpStatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized)
            {
                throw new ObjectStoreException($"{Service} refused the request (HTTP {(int)e.HttpStatusCode} {Reason(e)}): {ObjectStoreException.OneLine(e.Error?.Message ?? e.Message)}");
            }
            catch (GoogleApiException e)
            {
                throw new ObjectStoreException($"{Service} request failed (HTTP {(int)e.HttpStatusCode} {Reason(e)}): {ObjectStoreException.OneLine(e.Error?.Message ?? e.Message)}");
            }
            catch (TokenResponseException e)
            {
                throw new ObjectStoreException($"Google's token endpoint refused the service account key (HTTP {(int?)e.StatusCode ?? 0} {e.Error?.Error}): {ObjectStoreException.OneLine(e.Error?.ErrorDescription ?? "no description")}");
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
        GoogleApiException api => api.HttpStatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)api.HttpStatusCode >= 500,
        HttpRequestException => true,
        OperationCanceledException => !cancel.IsCancellationRequested,
        _ => false,
    };

    private static string Reason(GoogleApiException e) => e.Error?.Errors?.FirstOrDefault()?.Reason ?? e.HttpStatusCode.ToString();
}
