using Auditor.Core.Tracking;

namespace Auditor.Evidence.MLflow.Artifacts;

/// <summary>
/// Finds the model artifacts a store refers to and attaches them to runs, logged models and model versions.
/// Backend-independent: it works on the normalized store, so file and SQL stores resolve models the same way.
/// Each location is read once; references to it share one <see cref="ModelArtifact"/>.
/// </summary>
internal sealed class ModelArtifactLinker(ArtifactLocator locator, ProblemLog problems)
{
    private readonly Dictionary<string, ModelArtifact> _byUri = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ModelArtifact> _byFolder = new(StringComparer.Ordinal);

    public static TrackingStore Attach(TrackingStore store, ArtifactLocator locator, ProblemLog problems)
    {
        var linker = new ModelArtifactLinker(locator, problems);
        var loggedModels = store.LoggedModels
            .Select(m => m.ArtifactLocation is null ? m : m with { Artifact = linker.At(m.ArtifactLocation) })
            .ToList();
        var byModelId = new Dictionary<string, ModelArtifact>(StringComparer.Ordinal);
        foreach (var model in loggedModels.Where(m => m.Artifact is not null))
        {
            byModelId.TryAdd(model.Id, model.Artifact!);
        }

        var runs = store.Runs.Select(r => linker.WithModels(r, byModelId)).ToList();
        var runsById = new Dictionary<string, Run>(StringComparer.Ordinal);
        foreach (var run in runs)
        {
            runsById.TryAdd(run.Id, run);
        }

        var registered = store.RegisteredModels
            .Select(m => m with { Versions = m.Versions.Select(v => v with { Artifact = linker.ForVersion(v, byModelId, runsById) }).ToList() })
            .ToList();

        return store with
        {
            Runs = runs,
            LoggedModels = loggedModels,
            RegisteredModels = registered,
            ModelArtifacts = linker._byUri.Values.Distinct().OrderBy(a => a.Uri, StringComparer.Ordinal).ToList(),
            Problems = problems.ToList(),
        };
    }

    private Run WithModels(Run run, IReadOnlyDictionary<string, ModelArtifact> byModelId)
    {
        var models = new List<ModelArtifact>();
        if (run.ArtifactUri is { } artifactUri && run.Tags.TryGetValue(SystemTags.LogModelHistory, out var history))
        {
            var paths = problems.Try($"run {run.Id}: tag {SystemTags.LogModelHistory}", () => LogModelHistory.ArtifactPaths(history)) ?? [];
            models.AddRange(paths.Select(p => At(LogModelHistory.Join(artifactUri, p))));
        }

        models.AddRange(run.OutputModelIds.Select(byModelId.GetValueOrDefault).OfType<ModelArtifact>());
        return models.Count == 0 ? run : run with { Models = models.Distinct().ToList() };
    }

    private ModelArtifact? ForVersion(ModelVersion version, IReadOnlyDictionary<string, ModelArtifact> byModelId, IReadOnlyDictionary<string, Run> runs)
    {
        if (version.ModelId is { } modelId && byModelId.TryGetValue(modelId, out var logged))
        {
            return logged;
        }

        var fromSource = version.Source switch
        {
            null => null,
            var s when s.StartsWith("runs:/", StringComparison.Ordinal) => FromRunUri(s, runs),
            var s when s.StartsWith("models:/", StringComparison.Ordinal) => null,
            var s => At(s),
        };
        if (fromSource is { State: ModelArtifactState.Found } || version.StorageLocation is null || version.StorageLocation == version.Source)
        {
            return fromSource;
        }

        var fromStorage = At(version.StorageLocation);
        return fromStorage.State == ModelArtifactState.Found || fromSource is null ? fromStorage : fromSource;
    }

    /// <summary><c>runs:/&lt;run_id&gt;/&lt;path&gt;</c> resolved through the run's artifact URI.</summary>
    private ModelArtifact? FromRunUri(string source, IReadOnlyDictionary<string, Run> runs)
    {
        var rest = source["runs:/".Length..].TrimStart('/');
        var slash = rest.IndexOf('/');
        var runId = slash < 0 ? rest : rest[..slash];
        return runs.TryGetValue(runId, out var run) && run.ArtifactUri is { } uri
            ? At(LogModelHistory.Join(uri, slash < 0 ? "" : rest[(slash + 1)..]))
            : null;
    }

    /// <summary>The artifact at a recorded location, read once per location.</summary>
    private ModelArtifact At(string uri)
    {
        if (_byUri.TryGetValue(uri, out var known))
        {
            return known;
        }

        ModelArtifact artifact;
        if (ArtifactLocator.IsRemote(uri))
        {
            artifact = new ModelArtifact { Uri = uri, State = ModelArtifactState.Remote };
        }
        else if (locator.Find(uri) is { } folder)
        {
            var full = Path.GetFullPath(folder);
            artifact = _byFolder.TryGetValue(full, out var same) ? same : _byFolder[full] = MLmodelReader.Read(uri, full, problems);
        }
        else
        {
            artifact = new ModelArtifact { Uri = uri, State = ModelArtifactState.Missing };
        }

        return _byUri[uri] = artifact;
    }
}
