using Azure;
using Azure.Core;
using Azure.Storage;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Auditor.Evidence.MLflow.Rest;

namespace Auditor.Evidence.MLflow.Artifacts.ObjectStores;

/// <summary>
/// Azure Blob Storage through Azure.Storage.Blobs, read-only: a hierarchical listing of the model folder ('/' as
/// delimiter, so nothing below or beside it is listed) and the download of a listed blob. Credentials come from the
/// variables the reader may see: <c>AZURE_STORAGE_CONNECTION_STRING</c> (its <c>BlobEndpoint</c> wins, as for Azurite),
/// else the account of the location with <c>AZURE_STORAGE_ACCESS_KEY</c> (Shared Key) or <c>AZURE_STORAGE_SAS_TOKEN</c>.
/// </summary>
internal sealed class AzureObjectStore(Func<string, string?> variables, TimeSpan timeout, int retries) : IObjectStore
{
    public const string Missing =
        "no Azure Storage credentials: set AZURE_STORAGE_CONNECTION_STRING, or AZURE_STORAGE_ACCESS_KEY or AZURE_STORAGE_SAS_TOKEN (a store the project names sees no credentials)";

    private const int MaxItems = 10_000;

    /// <summary>Whether the variables hold credentials this store can use.</summary>
    public static bool HasCredentials(Func<string, string?> variables) =>
        new[] { "AZURE_STORAGE_CONNECTION_STRING", "AZURE_STORAGE_ACCESS_KEY", "AZURE_STORAGE_KEY", "AZURE_STORAGE_SAS_TOKEN" }.Any(n => variables(n) is { Length: > 0 });

    public async Task<IReadOnlyDictionary<string, long?>?> ListAsync(ObjectStoreUri folder, CancellationToken cancel)
    {
        var files = new Dictionary<string, long?>(StringComparer.Ordinal);
        var container = Container(folder);
        return await Call(async () =>
        {
            var seen = 0;
            await foreach (var item in container.GetBlobsByHierarchyAsync(BlobTraits.None, BlobStates.None, delimiter: "/", prefix: folder.ListPrefix, cancellationToken: cancel).ConfigureAwait(false))
            {
                if (++seen > MaxItems)
                {
                    break;
                }

                if (item.IsBlob && folder.NameOf(item.Blob.Name) is { } name)
                {
                    files.TryAdd(name, item.Blob.Properties.ContentLength);
                }
            }

            return files;
        }, cancel).ConfigureAwait(false);
    }

    public Task<string?> ReadTextAsync(ObjectStoreUri folder, string name, int maxBytes, CancellationToken cancel) =>
        Call(async () =>
        {
            var response = await Container(folder).GetBlobClient(folder.KeyOf(name)).DownloadStreamingAsync(cancellationToken: cancel).ConfigureAwait(false);
            using var download = response.Value;
            if (download.Details.ContentLength > maxBytes)
            {
                throw ModelFileText.TooLarge(maxBytes, download.Details.ContentLength);
            }

            return await ModelFileText.ReadAsync(download.Content, maxBytes, cancel).ConfigureAwait(false);
        }, cancel);

    private BlobContainerClient Container(ObjectStoreUri folder)
    {
        var options = new BlobClientOptions { Retry = { MaxRetries = retries, NetworkTimeout = timeout, Mode = RetryMode.Exponential, Delay = TimeSpan.FromSeconds(1) } };
        if (Value("AZURE_STORAGE_CONNECTION_STRING") is { } connection)
        {
            return new BlobServiceClient(connection, options).GetBlobContainerClient(folder.Bucket);
        }

        var host = folder.Account!.Replace(".dfs.", ".blob.", StringComparison.OrdinalIgnoreCase);
        var endpoint = new Uri($"https://{host}/{Uri.EscapeDataString(folder.Bucket)}");
        var account = host.Split('.')[0];
        return (Value("AZURE_STORAGE_ACCESS_KEY") ?? Value("AZURE_STORAGE_KEY")) is { } key
            ? new BlobContainerClient(endpoint, new StorageSharedKeyCredential(account, key), options)
            : new BlobContainerClient(endpoint, new AzureSasCredential(Value("AZURE_STORAGE_SAS_TOKEN")!.TrimStart('?')), options);
    }

    private string? Value(string name) => ObjectStoreException.Value(variables, name);

    /// <summary>The answer; null for HTTP 404; every other failure as one line.</summary>
    private async Task<T?> Call<T>(Func<Task<T>> call, CancellationToken cancel)
        where T : class
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
        catch (RequestFailedException e) when (e.Status is 401 or 403)
        {
            throw new ObjectStoreException($"Azure Storage refused the request (HTTP {e.Status} {e.ErrorCode}): {ObjectStoreException.OneLine(e.Message)}");
        }
        catch (RequestFailedException e)
        {
            throw new ObjectStoreException($"Azure Storage request failed{(e.Status == 0 ? "" : $" (HTTP {e.Status} {e.ErrorCode})")}: {ObjectStoreException.OneLine(e.Message)}");
        }
        catch (Exception e) when (e is TimeoutException || (e is OperationCanceledException && !cancel.IsCancellationRequested))
        {
            throw ObjectStoreException.NoAnswer("Azure Storage", timeout);
        }
        catch (Exception e) when (e is AggregateException or HttpRequestException or FormatException or ArgumentException)
        {
            throw new ObjectStoreException($"Azure Storage did not answer: {ObjectStoreException.OneLine(e.InnerException?.Message ?? e.Message)}");
        }
    }

}
