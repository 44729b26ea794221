using System.Net;
using Amazon;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Auditor.Evidence.MLflow.Rest;

namespace Auditor.Evidence.MLflow.Artifacts.ObjectStores;

/// <summary>
/// S3 (and S3-compatible servers) through AWSSDK.S3, read-only: <c>ListObjectsV2</c> of the model folder with '/' as
/// delimiter (so nothing below or beside it is listed) and <c>GetObject</c> of a listed file. The SDK's per-request
/// timeout and retries are the tracking client's (<c>MLFLOW_HTTP_REQUEST_TIMEOUT</c>, <c>MLFLOW_HTTP_REQUEST_MAX_RETRIES</c>).
/// </summary>
internal sealed class S3ObjectStore : IObjectStore, IDisposable
{
    /// <summary>Listing pages of one folder read at most (1,000 keys each): a model folder holds a handful of files.</summary>
    private const int MaxPages = 10;

    private readonly AmazonS3Client _client;
    private readonly TimeSpan _timeout;

    public S3ObjectStore(S3Settings settings, TimeSpan timeout, int retries)
    {
        _timeout = timeout;
        var config = new AmazonS3Config
        {
            Timeout = timeout,
            MaxErrorRetry = retries,
            IgnoreConfiguredEndpointUrls = true,
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        };
        if (settings.Endpoint is { } endpoint)
        {
            config.ServiceURL = endpoint;
            config.AuthenticationRegion = settings.Region;
            config.ForcePathStyle = true;
        }
        else
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(settings.Region);
        }

        if (settings.IgnoreTls)
        {
            config.HttpClientFactory = new InsecureHttpClientFactory();
        }

        _client = settings.Credentials is { } credentials ? new AmazonS3Client(credentials, config) : new AmazonS3Client(config);
    }

    public async Task<IReadOnlyDictionary<string, long?>?> ListAsync(ObjectStoreUri folder, CancellationToken cancel)
    {
        var files = new Dictionary<string, long?>(StringComparer.Ordinal);
        var request = new ListObjectsV2Request { BucketName = folder.Bucket, Prefix = folder.ListPrefix, Delimiter = "/", MaxKeys = 1000 };
        for (var page = 0; page < MaxPages; page++)
        {
            var response = await Call(() => _client.ListObjectsV2Async(request, cancel), cancel).ConfigureAwait(false);
            if (response is null)
            {
                return null;
            }

            foreach (var entry in response.S3Objects ?? [])
            {
                if (entry.Key is { } key && folder.NameOf(key) is { } name)
                {
                    files.TryAdd(name, entry.Size);
                }
            }

            if (response.IsTruncated != true || string.IsNullOrEmpty(response.NextContinuationToken))
            {
                break;
            }

            request.ContinuationToken = response.NextContinuationToken;
        }

        return files;
    }

    public async Task<string?> ReadTextAsync(ObjectStoreUri folder, string name, int maxBytes, CancellationToken cancel)
    {
        using var response = await Call(() => _client.GetObjectAsync(new GetObjectRequest { BucketName = folder.Bucket, Key = folder.KeyOf(name) }, cancel), cancel).ConfigureAwait(false);
        if (response is null)
        {
            return null;
        }

        if (response.ContentLength > maxBytes)
        {
            throw ModelFileText.TooLarge(maxBytes, response.ContentLength);
        }

        return await ModelFileText.ReadAsync(response.ResponseStream, maxBytes, cancel).ConfigureAwait(false);
    }

    public void Dispose() => _client.Dispose();

    /// <summary>The answer; null for HTTP 404; every other failure as one line.</summary>
    private async Task<T?> Call<T>(Func<Task<T>> call, CancellationToken cancel)
        where T : class
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
        catch (AmazonS3Exception e) when (e.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized)
        {
            throw new ObjectStoreException($"S3 refused the request (HTTP {(int)e.StatusCode} {e.ErrorCode}): {ObjectStoreException.OneLine(e.Message)}");
        }
        catch (AmazonServiceException e)
        {
            throw new ObjectStoreException($"S3 request failed{(e.StatusCode == 0 ? "" : $" (HTTP {(int)e.StatusCode} {e.ErrorCode})")}: {ObjectStoreException.OneLine(e.InnerException?.Message ?? e.Message)}");
        }
        catch (Exception e) when (e is HttpRequestException or IOException or AmazonClientException)
        {
            throw new ObjectStoreException($"S3 did not answer: {ObjectStoreException.OneLine(e.Message)}");
        }
        catch (Exception e) when (e is TimeoutException || (e is OperationCanceledException && !cancel.IsCancellationRequested))
        {
            throw ObjectStoreException.NoAnswer("S3", _timeout);
        }
    }


    /// <summary>An HTTP client that accepts any server certificate, for <c>MLFLOW_S3_IGNORE_TLS=true</c>.</summary>
    private sealed class InsecureHttpClientFactory : HttpClientFactory
    {
        public override HttpClient CreateHttpClient(IClientConfig clientConfig) =>
            new(new HttpClientHandler { ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator })
            {
                Timeout = clientConfig.Timeout ?? TimeSpan.FromSeconds(120),
            };
    }
}
