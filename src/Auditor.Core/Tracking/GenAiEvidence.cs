namespace Auditor.Core.Tracking;

/// <summary>
/// The MLflow 3 GenAI entities of a store: the prompt registry, traces, their assessments and evaluation datasets.
/// Evaluation runs are ordinary runs (see <see cref="EvaluationRun"/>).
/// </summary>
public sealed record GenAiEvidence
{
    public static readonly GenAiEvidence Empty = new();

    /// <summary>Registered models tagged <c>mlflow.prompt.is_prompt</c>; their versions are the prompt versions.</summary>
    public IReadOnlyList<RegisteredModel> Prompts { get; init; } = [];

    public IReadOnlyList<GenAiTrace> Traces { get; init; } = [];

    public IReadOnlyList<TraceAssessment> Assessments { get; init; } = [];

    public IReadOnlyList<EvaluationDataset> EvaluationDatasets { get; init; } = [];

    /// <summary>False for stores that cannot hold evaluation datasets (the file store).</summary>
    public bool EvaluationDatasetsSupported { get; init; }

    public bool HasPrompts => Prompts.Count > 0;
}
