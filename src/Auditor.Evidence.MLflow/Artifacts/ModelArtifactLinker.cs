using Auditor.Core.Tracking;

namespace Auditor.Evidence.MLflow.Artifacts;

/// <summary>
/// Finds the model artifacts a store refers to and attaches them to runs, logged models and model versions.
/// Backend-independent: it works on the normalized store, so every backend resolves a version to the same recorded
/// location, and only the <see cref="IModelArtifactSource"/> differs. Each location is read once; references to it
/// share one <see cref="ModelArtifact"/>.
/// </summary>
internal sealed class ModelArtifactLinker(IModelArtifactSource source, ProblemLog problems)
{
    private readonly Dictionary<string, Task<ModelArtifact>> _byUri = new(StringComparer.Ordinal);

    /// <summary>
    /// Links every model the store refers to, read from this machine's disk, and from object storage as far as
    /// <paramref name="options"/> allow (without options, object storage is never read).
    /// </summary>
    public static TrackingStore Attach(TrackingStore store, ArtifactLocator locator, ProblemLog problems, TrackingReadOptions? options = null)
    {
        using var sources = new ObjectStores.ObjectStoreSources(new LocalModelArtifacts(locator, problems), options ?? NoObjectStorage, problems);
        return AttachAsync(store, sources, problems, versionsOnly: false).GetAwaiter().GetResult();
    }

    private static readonly TrackingReadOptions NoObjectStorage = new() { Variables = _ => null };

    /// <summary>
    /// Links the store's models. With <paramref name="versionsOnly"/> only registered model versions are read (what the
    /// reproducibility trace needs, when each read is a request to a server); runs and logged models keep none.
    /// </summary>
    public static async Task<TrackingStore> AttachAsync(TrackingStore store, IModelArtifactSource source, ProblemLog problems, bool versionsOnly)
    {
        var linker = new ModelArtifactLinker(source, problems);
        var locations = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var model in store.LoggedModels.Where(m => m.ArtifactLocation is not null))
        {
            locations.TryAdd(model.Id, model.ArtifactLocation!);
        }

        // Logged models, then runs, then versions: locations that resolve to one folder share the artifact first read.
        var loggedModels = versionsOnly ? store.LoggedModels : await linker.WithArtifactsAsync(store.LoggedModels).ConfigureAwait(false);
        var runs = versionsOnly ? store.Runs : await linker.WithModelsAsync(store.Runs, locations).ConfigureAwait(false);
        var runsById = new Dictionary<string, Run>(StringComparer.Ordinal);
        foreach (var run in store.Runs)
        {
            runsById.TryAdd(run.Id, run);
        }

        // Every version at once: over REST the client bounds the requests in flight.
        var registered = await Task.WhenAll(store.RegisteredModels.Select(async m => m with
        {
            Versions = await Task.WhenAll(m.Versions.Select(async v => v with { Artifact = await linker.ForVersionAsync(v, locations, runsById).ConfigureAwait(false) })).ConfigureAwait(false),
        })).ConfigureAwait(false);

        return store with
        {
            Runs = runs,
            LoggedModels = loggedModels,
            RegisteredModels = registered,
            ModelArtifacts = linker._byUri.Values.Select(t => t.Result).Distinct().OrderBy(a => a.Uri, StringComparer.Ordinal).ToList(),
            Problems = [.. store.Problems, .. problems.ToList()],
        };
    }

    private async Task<IReadOnlyList<LoggedModel>> WithArtifactsAsync(IReadOnlyList<LoggedModel> models)
    {
        var result = new List<LoggedModel>(models.Count);
        foreach (var model in models)
        {
            result.Add(model.ArtifactLocation is { } location ? model with { Artifact = await At(location).ConfigureAwait(false) } : model);
        }

        return result;
    }

    private async Task<IReadOnlyList<Run>> WithModelsAsync(IReadOnlyList<Run> runs, IReadOnlyDictionary<string, string> locations)
    {
        var result = new List<Run>(runs.Count);
        foreach (var run in runs)
        {
            var models = new List<ModelArtifact>();
            if (run.ArtifactUri is { } artifactUri && run.Tags.TryGetValue(SystemTags.LogModelHistory, out var history))
            {
                foreach (var path in problems.Try($"run {run.Id}: tag {SystemTags.LogModelHistory}", () => LogModelHistory.ArtifactPaths(history)) ?? [])
                {
                    models.Add(await At(LogModelHistory.Join(artifactUri, path)).ConfigureAwait(false));
                }
            }

            foreach (var id in run.OutputModelIds)
            {
                if (locations.TryGetValue(id, out var location))
                {
                    models.Add(await At(location).ConfigureAwait(false));
                }
            }

            result.Add(models.Count == 0 ? run : run with { Models = models.Distinct().ToList() });
        }

        return result;
    }

    private async Task<ModelArtifact?> ForVersionAsync(ModelVersion version, IReadOnlyDictionary<string, string> locations, IReadOnlyDictionary<string, Run> runs)
    {
        if (version.ModelId is { } modelId && locations.TryGetValue(modelId, out var logged))
        {
            return await At(logged).ConfigureAwait(false);
        }

        var fromSourceUri = version.Source switch
        {
            null => null,
            var s when s.StartsWith("runs:/", StringComparison.Ordinal) => FromRunUri(s, runs),
            var s when s.StartsWith("models:/", StringComparison.Ordinal) => null,
            var s => s,
        };
        var fromSource = fromSourceUri is null ? null : await At(fromSourceUri).ConfigureAwait(false);
        if (fromSource is { State: ModelArtifactState.Found } || version.StorageLocation is null || version.StorageLocation == version.Source)
        {
            return fromSource;
        }

        var fromStorage = await At(version.StorageLocation).ConfigureAwait(false);
        return fromStorage.State == ModelArtifactState.Found || fromSource is null ? fromStorage : fromSource;
    }

    /// <summary><c>runs:/&lt;run_id&gt;/&lt;path&gt;</c> as the location under the run's artifact URI.</summary>
    private static string? FromRunUri(string source, IReadOnlyDictionary<string, Run> runs)
    {
        var rest = source["runs:/".Length..].TrimStart('/');
        var slash = rest.IndexOf('/');
        var runId = slash < 0 ? rest : rest[..slash];
        return runs.TryGetValue(runId, out var run) && run.ArtifactUri is { } uri
            ? LogModelHistory.Join(uri, slash < 0 ? "" : rest[(slash + 1)..])
            : null;
    }

    /// <summary>The artifact at a recorded location, read once per location (versions are linked concurrently).</summary>
    private Task<ModelArtifact> At(string uri)
    {
        lock (_byUri)
        {
            if (!_byUri.TryGetValue(uri, out var artifact))
            {
                _byUri[uri] = artifact = source.ReadAsync(uri);
            }

            return artifact;
        }
    }
}
