namespace Auditor.Core.Tracking;

/// <summary>The reserved <c>mlflow.*</c> tag names mlaudit reads.</summary>
public static class SystemTags
{
    public const string RunName = "mlflow.runName";
    public const string User = "mlflow.user";
    public const string SourceName = "mlflow.source.name";
    public const string SourceType = "mlflow.source.type";
    public const string GitCommit = "mlflow.source.git.commit";
    public const string ParentRunId = "mlflow.parentRunId";
    public const string LogModelHistory = "mlflow.log-model.history";
    public const string IsPrompt = "mlflow.prompt.is_prompt";
    public const string RunType = "mlflow.runType";
    public const string LinkedPrompts = "mlflow.linkedPrompts";
    public const string ModelVersions = "mlflow.modelVersions";
}
