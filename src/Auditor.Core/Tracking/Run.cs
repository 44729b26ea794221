namespace Auditor.Core.Tracking;

public sealed record Run
{
    /// <summary>32 lowercase hex characters.</summary>
    public required string Id { get; init; }

    public required string ExperimentId { get; init; }

    public string? Name { get; init; }

    public RunStatus Status { get; init; }

    public Lifecycle Lifecycle { get; init; }

    public DateTimeOffset? StartTime { get; init; }

    public DateTimeOffset? EndTime { get; init; }

    public string? UserId { get; init; }

    public string? ArtifactUri { get; init; }

    public IReadOnlyDictionary<string, string> Params { get; init; } = new Dictionary<string, string>();

    /// <summary>All run tags, the system <c>mlflow.*</c> tags included.</summary>
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();

    public IReadOnlyDictionary<string, MetricSummary> Metrics { get; init; } = new Dictionary<string, MetricSummary>();

    public IReadOnlyList<DatasetInput> Datasets { get; init; } = [];

    /// <summary>MLflow 3.x logged models this run produced (run outputs).</summary>
    public IReadOnlyList<string> OutputModelIds { get; init; } = [];

    /// <summary>MLflow 3.x logged models this run used as inputs (model inputs).</summary>
    public IReadOnlyList<string> InputModelIds { get; init; } = [];

    /// <summary>
    /// The model artifacts this run logged: 2.x entries of <c>mlflow.log-model.history</c> and the artifacts of its
    /// 3.x output logged models.
    /// </summary>
    public IReadOnlyList<ModelArtifact> Models { get; init; } = [];

    /// <summary>The commit recorded in <c>mlflow.source.git.commit</c>, if any.</summary>
    public string? GitCommit => Tags.TryGetValue(SystemTags.GitCommit, out var sha) && sha.Length > 0 ? sha : null;

    public string? ParentRunId => Tags.TryGetValue(SystemTags.ParentRunId, out var id) && id.Length > 0 ? id : null;
}
