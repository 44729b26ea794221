using Auditor.Core.Tracking;

namespace Auditor.Evidence.MLflow.Artifacts;

/// <summary>
/// Model folders on this machine, found by <see cref="ArtifactLocator"/>. A folder is read once, whichever recorded
/// locations lead to it; each location keeps its own URI, so a model version names the location its store records
/// for it whatever else was read first. Remote schemes that no artifact root maps are never followed.
/// </summary>
internal sealed class LocalModelArtifacts(ArtifactLocator locator, ProblemLog problems) : IModelArtifactSource
{
    private readonly Dictionary<string, Task<ModelArtifact>> _byFolder = new(StringComparer.Ordinal);

    public async Task<ModelArtifact> ReadAsync(string uri)
    {
        if (locator.Find(uri) is not { } folder)
        {
            return new ModelArtifact { Uri = uri, State = ArtifactLocator.IsRemote(uri) ? ModelArtifactState.Remote : ModelArtifactState.Missing };
        }

        var full = Path.GetFullPath(folder);
        if (!_byFolder.TryGetValue(full, out var read))
        {
            _byFolder[full] = read = MLmodelReader.ReadAsync(uri, new LocalModelFolder(full), problems);
        }

        var artifact = await read.ConfigureAwait(false);
        return artifact.Uri == uri ? artifact : artifact with { Uri = uri };
    }
}
