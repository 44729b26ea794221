namespace Auditor.Core.Tracking;

/// <summary>
/// One MLflow tracking store, normalized across backends (file store, SQL, REST) and MLflow versions.
/// Read-only: nothing in mlaudit writes to a store.
/// </summary>
public sealed record TrackingStore
{
    public required TrackingStoreKind Kind { get; init; }

    /// <summary>The tracking URI with credentials redacted.</summary>
    public required string Uri { get; init; }

    /// <summary>The local root (file store folder or database file), when there is one.</summary>
    public string? Root { get; init; }

    /// <summary>The SQL store's alembic revision (<c>alembic_version.version_num</c>); null for file stores.</summary>
    public string? SchemaRevision { get; init; }

    public IReadOnlyList<Experiment> Experiments { get; init; } = [];

    public IReadOnlyList<Run> Runs { get; init; } = [];

    public IReadOnlyList<RegisteredModel> RegisteredModels { get; init; } = [];

    public IReadOnlyList<LoggedModel> LoggedModels { get; init; } = [];

    /// <summary>MLflow 3 GenAI entities: prompts, traces, assessments, evaluation datasets.</summary>
    public GenAiEvidence GenAi { get; init; } = GenAiEvidence.Empty;

    /// <summary>Every distinct model artifact referenced by runs, logged models and model versions.</summary>
    public IReadOnlyList<ModelArtifact> ModelArtifacts { get; init; } = [];

    /// <summary>
    /// Why only part of the store was read (a server read stopped by the deadline or a size limit), or null when it
    /// was read whole. The reader turns it into <see cref="Evidence.CollectionState.Partial"/>.
    /// </summary>
    public string? PartlyRead { get; init; }

    /// <summary>What could not be read, one line each.</summary>
    public IReadOnlyList<StoreProblem> Problems { get; init; } = [];
}
