using System.Text.Json;
using Auditor.Core.Tracking;
using Auditor.Evidence.MLflow.Artifacts;

namespace Auditor.Evidence.MLflow.Rest;

/// <summary>
/// Reads models through the tracking server's artifact endpoints. The model's folder is listed first, so what does not
/// exist is known without asking for it: MLflow answers a request for a missing file with HTTP 500 (the local artifact
/// repository raises OSError, which no handler turns into a 404), and a 500 is retried. Every request goes through
/// <see cref="MlflowRestClient"/>: credentials, retries, the bound on requests in flight and redaction apply.
/// </summary>
internal sealed class RestModelArtifacts(MlflowRestClient client, RestArtifactLocator locator, ProblemLog problems, string redactedUri) : IModelArtifactSource
{
    public async Task<ModelArtifact> ReadAsync(string uri)
    {
        if (locator.Find(uri, out var refusal) is not { } place)
        {
            if (refusal is not null)
            {
                problems.Add(ArtifactPath.Shown(uri), refusal);
            }

            return new ModelArtifact { Uri = uri, State = refusal is null ? ModelArtifactState.Remote : ModelArtifactState.Refused };
        }

        // Once the deadline or the audit's bytes are spent, no more model files are asked for: the store is partly read.
        if (client.Budget.Exhausted is { } spent)
        {
            client.Budget.Cut("model files", spent);
            return new ModelArtifact { Uri = uri, State = ModelArtifactState.Unreadable };
        }

        var files = await problems.TryAsync(uri, () => ListAsync(place.Tree, place.Folder)).ConfigureAwait(false);
        if (files is null)
        {
            return new ModelArtifact { Uri = uri, State = ModelArtifactState.Unreadable };
        }

        var folder = new RestModelFolder(uri, files, (name, maxBytes) => DownloadAsync(place.Tree, place.Folder, name, maxBytes));
        return await MLmodelReader.ReadAsync(uri, folder, problems).ConfigureAwait(false);
    }

    /// <summary>The files (not folders) directly in <paramref name="folder"/>, by name, with their size when the server knows it.</summary>
    private async Task<IReadOnlyDictionary<string, long?>> ListAsync(RestArtifactTree tree, string folder)
    {
        var (path, query) = tree.List(folder);
        var entries = await RestPager.AllAsync(path, client.Budget, redactedUri, "files", e => e.ValueKind == JsonValueKind.Object && e.Str("is_dir") != "true" ? (e.Str("path"), e.Long("file_size")) : (null, null), token =>
            client.GetAsync(path, token is null ? query : [.. query, ("page_token", token)], missingIsNull: true)).ConfigureAwait(false);
        var files = new Dictionary<string, long?>(StringComparer.Ordinal);
        foreach (var (entryPath, size) in entries)
        {
            if (entryPath is { Length: > 0 })
            {
                files.TryAdd(entryPath[(entryPath.LastIndexOf('/') + 1)..], size);
            }
        }

        return files;
    }

    private Task<string?> DownloadAsync(RestArtifactTree tree, string folder, string name, int maxBytes)
    {
        var (path, query) = tree.File(folder.Length == 0 ? name : folder + "/" + name);
        return client.GetTextAsync(path, query, maxBytes);
    }
}
