using Auditor.Core.Tracking;
using Auditor.Evidence.MLflow.Artifacts;

namespace Auditor.Evidence.MLflow.Rest;

/// <summary>
/// Which tree of the server's artifacts holds a recorded location, and the folder within it: the logged model or
/// run whose artifact location is the longest prefix of it, else the proxied store for <c>mlflow-artifacts:</c>.
/// A location under none of these (a path registered from outside any run) cannot be listed through the server.
/// The folder obeys <see cref="ArtifactPath"/>, as a local one does: normalized, and refused when it climbs out of its
/// tree with <c>..</c> (in any spelling), holds a NUL or is too long; a server is never asked for a path outside the tree.
/// </summary>
internal sealed class RestArtifactLocator
{
    /// <summary>Every artifact root of the store, built on the first lookup: a store with no registered version to trace looks up nothing.</summary>
    private readonly Lazy<Dictionary<string, RestArtifactTree>> _trees;

    public RestArtifactLocator(TrackingStore store) => _trees = new(() => Trees(store));

    private static Dictionary<string, RestArtifactTree> Trees(TrackingStore store)
    {
        var trees = new Dictionary<string, RestArtifactTree>(StringComparer.Ordinal);
        foreach (var model in store.LoggedModels.Where(m => !string.IsNullOrEmpty(m.ArtifactLocation)))
        {
            trees.TryAdd(model.ArtifactLocation!.TrimEnd('/'), RestArtifactTree.OfLoggedModel(model.Id));
        }

        foreach (var run in store.Runs.Where(r => !string.IsNullOrEmpty(r.ArtifactUri)))
        {
            trees.TryAdd(run.ArtifactUri!.TrimEnd('/'), RestArtifactTree.OfRun(run.Id));
        }

        return trees;
    }

    /// <summary>
    /// The tree and the folder within it (relative, "" for its root), or null when the server cannot list it or, with
    /// <paramref name="refusal"/> saying why, when the location is refused.
    /// </summary>
    public (RestArtifactTree Tree, string Folder)? Find(string uri, out string? refusal)
    {
        refusal = ArtifactPath.Unusable(uri);
        if ((refusal is null ? Place(uri) : null) is not { } place)
        {
            return null;
        }

        if (ArtifactPath.Relative(place.Folder) is { } folder)
        {
            return (place.Tree, folder);
        }

        refusal = "climbs out of its artifact tree with '..'; not read";
        return null;
    }

    /// <summary>The tree and the folder within it as written, not yet normalized.</summary>
    private (RestArtifactTree Tree, string Folder)? Place(string uri)
    {
        var prefix = uri.TrimEnd('/');
        var folder = "";
        while (prefix.Length > 0)
        {
            if (_trees.Value.TryGetValue(prefix, out var tree))
            {
                return (tree, folder);
            }

            var slash = prefix.LastIndexOf('/');
            if (slash < 0)
            {
                break;
            }

            folder = folder.Length == 0 ? prefix[(slash + 1)..] : prefix[(slash + 1)..] + "/" + folder;
            prefix = prefix[..slash];
        }

        return ProxiedArtifactUri.IsProxied(uri) ? (RestArtifactTree.Proxied, ProxiedArtifactUri.RawPathOf(uri)) : null;
    }
}
