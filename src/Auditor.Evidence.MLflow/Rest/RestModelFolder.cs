using Auditor.Evidence.MLflow.Artifacts;

namespace Auditor.Evidence.MLflow.Rest;

/// <summary>
/// A model folder behind a tracking server: what exists comes from one listing, and a file is downloaded only when
/// read, after its listed size is checked against the bound (a file too large is never requested). Object storage
/// (<paramref name="source"/> <c>s3</c>, <c>azure</c>, <c>gcs</c>) is read the same way: one listing, then the files.
/// </summary>
internal sealed class RestModelFolder(string uri, IReadOnlyDictionary<string, long?> files, Func<string, int, Task<string?>> download, string source = "server") : IModelFolder
{
    public string? LocalPath => null;

    public string Source => source;

    public string PathOf(string name) => name.Length == 0 ? uri : uri.TrimEnd('/') + "/" + name;

    public bool Exists(string name) => files.ContainsKey(name);

    public async Task<string> ReadTextAsync(string name, int maxBytes)
    {
        if (files.GetValueOrDefault(name) is { } size && size > maxBytes)
        {
            throw ModelFileText.TooLarge(maxBytes, size);
        }

        return await download(name, maxBytes).ConfigureAwait(false) ?? throw new InvalidDataException("listed but not sent (HTTP 404)");
    }
}
