using System.Text.Json;
using System.Text.Json.Serialization;
using Auditor.Core.Tracking;

namespace Auditor.Evidence.MLflow.Tests;

/// <summary>A store as JSON without where it was read from (kind, URI, root), to compare what two backends found.</summary>
internal static class StoreJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter() },
    };

    public static string Facts(TrackingStore store) =>
        JsonSerializer.Serialize(VersionArtifactsOnly(Normalize(store)) with { Kind = TrackingStoreKind.File, Uri = "", Root = null }, Options);

    /// <summary>The store's records alone, without any model files: what a REST response maps to.</summary>
    public static string Records(TrackingStore store) =>
        Facts(store with { RegisteredModels = store.RegisteredModels.Select(m => m with { Versions = m.Versions.Select(v => v with { Artifact = null }).ToList() }).ToList() });

    /// <summary>
    /// Model files are compared where every backend reads them: the artifacts of registered model versions (the trace's
    /// link; over REST only those are read), without the local folder they were found in. Runs' and logged models'
    /// artifacts are the file and SQL readers' own tests.
    /// </summary>
    private static TrackingStore VersionArtifactsOnly(TrackingStore store) => store with
    {
        ModelArtifacts = [],
        Runs = store.Runs.Select(r => r with { Models = [] }).ToList(),
        RegisteredModels = store.RegisteredModels.Select(m => m with { Versions = m.Versions.Select(v => v with { Artifact = v.Artifact is null ? null : v.Artifact with { LocalPath = null, ReadFrom = null } }).ToList() }).ToList(),
        LoggedModels = store.LoggedModels.Select(l => l with { Artifact = null }).ToList(),
    };

    /// <summary>
    /// Each backend lists in its own order (the file store by folder, SQL by id, datasets of a run in no defined
    /// order); order everything by id so only the facts are compared.
    /// </summary>
    private static TrackingStore Normalize(TrackingStore store) => store with
    {
        Runs = store.Runs.OrderBy(r => r.Id, StringComparer.Ordinal).Select(r => r with
        {
            Datasets = r.Datasets.OrderBy(d => d.Name, StringComparer.Ordinal).ThenBy(d => d.Digest, StringComparer.Ordinal).ThenBy(d => d.Context, StringComparer.Ordinal).ToList(),
            Params = new SortedDictionary<string, string>(r.Params.ToDictionary(), StringComparer.Ordinal),
            Tags = new SortedDictionary<string, string>(r.Tags.ToDictionary(), StringComparer.Ordinal),
            Metrics = new SortedDictionary<string, MetricSummary>(r.Metrics.ToDictionary(), StringComparer.Ordinal),
        }).ToList(),
        Experiments = store.Experiments.OrderBy(e => e.Id, StringComparer.Ordinal).Select(e => e with { Tags = new SortedDictionary<string, string>(e.Tags.ToDictionary(), StringComparer.Ordinal) }).ToList(),
        RegisteredModels = store.RegisteredModels.Select(Sorted).ToList(),
        GenAi = store.GenAi with
        {
            Prompts = store.GenAi.Prompts.Select(Sorted).ToList(),
            RecentTraces = store.GenAi.RecentTraces.OrderBy(t => t.Id, StringComparer.Ordinal).ToList(),
            RecentAssessments = store.GenAi.RecentAssessments.OrderBy(a => a.Id, StringComparer.Ordinal).ToList(),
            EvaluationDatasets = store.GenAi.EvaluationDatasets.Select(d => d with { Tags = new SortedDictionary<string, string>(d.Tags.ToDictionary(), StringComparer.Ordinal) }).ToList(),
        },
        LoggedModels = store.LoggedModels.OrderBy(l => l.Id, StringComparer.Ordinal).Select(l => l with
        {
            Tags = new SortedDictionary<string, string>(l.Tags.ToDictionary(), StringComparer.Ordinal),
            Params = new SortedDictionary<string, string>(l.Params.ToDictionary(), StringComparer.Ordinal),
            Metrics = new SortedDictionary<string, MetricSummary>(l.Metrics.ToDictionary(), StringComparer.Ordinal),
        }).ToList(),
    };

    private static RegisteredModel Sorted(RegisteredModel m) => m with
    {
        Tags = new SortedDictionary<string, string>(m.Tags.ToDictionary(), StringComparer.Ordinal),
        Aliases = new SortedDictionary<string, int>(m.Aliases.ToDictionary(), StringComparer.Ordinal),
        Versions = m.Versions.Select(v => v with { Tags = new SortedDictionary<string, string>(v.Tags.ToDictionary(), StringComparer.Ordinal) }).ToList(),
    };

    /// <summary>
    /// What the REST API can know: a run's metrics are the latest value per key (no history), and model versions
    /// carry no storage location, and the schema revision of the server's database is not exposed. A version's model
    /// files are read through the server's artifact endpoints, which list a run's or a logged model's artifacts: a
    /// version whose files lie outside every run and logged model the server lists (registered from a path, or its run
    /// deleted for good) cannot be listed, and stays unchecked where a local read finds it missing.
    /// Everything else must be equal.
    /// </summary>
    public static TrackingStore AsRestSeesIt(TrackingStore store) => store with
    {
        SchemaRevision = null,
        // A TraceInfo names no spans: the span count is its size statistics', the root span's name is not served.
        // Prompt versions, like model versions, carry no storage location.
        GenAi = store.GenAi with
        {
            Prompts = store.GenAi.Prompts.Select(p => p with { Versions = p.Versions.Select(v => v with { StorageLocation = null }).ToList() }).ToList(),
            RecentTraces = store.GenAi.RecentTraces.Select(t => t with { RootSpanName = null }).ToList(),
        },
        Runs = store.Runs.Select(r => r with
        {
            Metrics = r.Metrics.ToDictionary(m => m.Key, m => new MetricSummary
            {
                Key = m.Key,
                Count = 1,
                Steps = 1,
                Last = m.Value.Last,
                Min = double.IsFinite(m.Value.Last) ? m.Value.Last : double.NaN,
                Max = double.IsFinite(m.Value.Last) ? m.Value.Last : double.NaN,
                HasNonFinite = !double.IsFinite(m.Value.Last),
            }),
        }).ToList(),
        RegisteredModels = store.RegisteredModels.Select(m => m with
        {
            Versions = m.Versions.Select(v => v with
            {
                StorageLocation = null,
                Artifact = v.Artifact is { } a && !Listable(store, a.Uri) ? new ModelArtifact { Uri = a.Uri, State = ModelArtifactState.Remote } : v.Artifact,
            }).ToList(),
        }).ToList(),
        LoggedModels = store.LoggedModels.Where(l => l.Lifecycle == Lifecycle.Active).Select(l => l with
        {
            Metrics = l.Metrics.ToDictionary(m => m.Key, m => new MetricSummary { Key = m.Key, Count = 1, Steps = 1, Last = m.Value.Last, Min = m.Value.Last, Max = m.Value.Last }),
        }).ToList(),
    };

    private static bool Listable(TrackingStore store, string uri) =>
        store.Runs.Select(r => r.ArtifactUri).Concat(store.LoggedModels.Select(l => l.ArtifactLocation)).OfType<string>()
            .Any(root => uri == root || uri.StartsWith(root.TrimEnd('/') + "/", StringComparison.Ordinal));
}
