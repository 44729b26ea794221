using Auditor.Core.Tracking;

namespace Auditor.Evidence.MLflow.Artifacts;

/// <summary>
/// Model folders on this machine, found by <see cref="ArtifactLocator"/>. A folder is read once, whichever recorded
/// locations lead to it; each location keeps its own URI, so a model version names the location its store records
/// for it whatever else was read first. Remote schemes that no artifact root maps are never followed; a refused
/// location (or an <c>MLmodel</c> that is a link out of the allowed folders) is logged and nothing at it is read.
/// </summary>
internal sealed class LocalModelArtifacts(ArtifactLocator locator, ProblemLog problems) : IModelArtifactSource
{
    private readonly Dictionary<string, Task<ModelArtifact>> _byFolder = new(StringComparer.Ordinal);

    public async Task<ModelArtifact> ReadAsync(string uri)
    {
        var place = locator.Find(uri);
        if (place.State == ModelArtifactState.Found && !locator.IsAllowed(Path.Combine(place.Folder!, MLmodelReader.FileName)))
        {
            place = ArtifactPlace.Refused($"{MLmodelReader.FileName} is a symbolic link out of the project, the store and the artifact roots; not read");
        }

        if (place.State == ModelArtifactState.Refused)
        {
            problems.Add(ArtifactPath.Shown(uri), place.Reason!);
        }

        if (place.Folder is not { } folder)
        {
            return new ModelArtifact { Uri = uri, State = place.State, ReadFrom = place.State == ModelArtifactState.Missing ? LocalModelFolder.Local : null };
        }

        Task<ModelArtifact> read;
        lock (_byFolder)
        {
            // Reads of object storage resume on other threads, which may then read here.
            if (!_byFolder.TryGetValue(folder, out read!))
            {
                _byFolder[folder] = read = MLmodelReader.ReadAsync(uri, new LocalModelFolder(folder, locator.IsAllowed), problems);
            }
        }

        var artifact = await read.ConfigureAwait(false);
        return artifact.Uri == uri ? artifact : artifact with { Uri = uri };
    }
}
