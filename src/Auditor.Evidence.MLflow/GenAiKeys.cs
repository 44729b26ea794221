namespace Auditor.Evidence.MLflow;

/// <summary>Trace request-metadata and tag keys, assessment metadata keys MLflow 3 writes (mlflow/tracing/constant.py).</summary>
internal static class GenAiKeys
{
    public const string ModelId = "mlflow.modelId";
    public const string SourceRun = "mlflow.sourceRun";
    public const string GitCommit = "mlflow.source.git.commit";
    public const string Session = "mlflow.trace.session";
    public const string TraceName = "mlflow.traceName";
    public const string LinkedPrompts = "mlflow.linkedPrompts";
    public const string SizeStats = "mlflow.trace.sizeStats";
    public const string AssessmentSourceRun = "mlflow.assessment.sourceRunId";

    public static readonly string[] Metadata = [ModelId, SourceRun, GitCommit, Session];

    public static readonly string[] Tags = [TraceName, LinkedPrompts];
}
