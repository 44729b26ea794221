using Auditor.Core.Tracking;
using Auditor.Evidence.MLflow.Rest;

namespace Auditor.Evidence.MLflow.Artifacts.ObjectStores;

/// <summary>
/// Routes each recorded location to where it is read: object storage (<c>s3://</c>, <c>wasbs://</c>, <c>abfss://</c>,
/// <c>gs://</c>) through its store, built once on first use from <see cref="TrackingReadOptions.Variables"/> (the
/// variables the operator lets the reader see), anything else to <paramref name="local"/>.
/// </summary>
internal sealed class ObjectStoreSources(IModelArtifactSource local, TrackingReadOptions options, ProblemLog problems) : IModelArtifactSource, IDisposable
{
    private readonly Dictionary<string, ObjectStoreArtifacts> _stores = new(StringComparer.Ordinal);
    private readonly List<IDisposable> _owned = [];

    public Task<ModelArtifact> ReadAsync(string uri) =>
        ObjectStoreUri.StoreOf(uri) is { } store ? StoreFor(store).ReadAsync(uri) : local.ReadAsync(uri);

    public void Dispose()
    {
        foreach (var owned in _owned)
        {
            owned.Dispose();
        }
    }

    private ObjectStoreArtifacts StoreFor(string name)
    {
        lock (_stores)
        {
            if (!_stores.TryGetValue(name, out var artifacts))
            {
                var (store, reason) = Build(name);
                if (store is IDisposable disposable)
                {
                    _owned.Add(disposable);
                }

                _stores[name] = artifacts = new ObjectStoreArtifacts(name, store, reason, options, problems);
                _owned.Add(artifacts);
            }

            return artifacts;
        }
    }

    private (IObjectStore? Store, string? Reason) Build(string name)
    {
        switch (name)
        {
            case ObjectStoreUri.S3:
                return S3Settings.From(options.Variables, options.ArtifactCredentials, out var reason) is { } settings
                    ? (new S3ObjectStore(settings, RestConnection.TimeoutOf(options), RestConnection.RetriesOf(options)), null)
                    : (null, reason);
            case ObjectStoreUri.Azure:
                return AzureObjectStore.HasCredentials(options.Variables)
                    ? (new AzureObjectStore(options.Variables, RestConnection.TimeoutOf(options), RestConnection.RetriesOf(options)), null)
                    : (null, AzureObjectStore.Missing);
            default:
                return GcsSettings.From(options.Variables, options.ArtifactCredentials, out var why) is { } gcs
                    ? (new GcsObjectStore(gcs, RestConnection.TimeoutOf(options), RestConnection.RetriesOf(options)), null)
                    : (null, why);
        }
    }
}
