namespace Auditor.Evidence.MLflow.Artifacts.ObjectStores;

/// <summary>
/// Read-only access to one kind of object storage: one listing of a model folder and the download of a file in it.
/// Nothing is written or created, and nothing outside the folder is listed. Failures throw <see cref="ObjectStoreException"/>.
/// </summary>
internal interface IObjectStore
{
    /// <summary>The files directly in <paramref name="folder"/>, by name, with their sizes; null when the bucket or container does not exist.</summary>
    Task<IReadOnlyDictionary<string, long?>?> ListAsync(ObjectStoreUri folder, CancellationToken cancel);

    /// <summary>The text of a file of the folder, at most <paramref name="maxBytes"/>; null when it does not exist.</summary>
    Task<string?> ReadTextAsync(ObjectStoreUri folder, string name, int maxBytes, CancellationToken cancel);
}
