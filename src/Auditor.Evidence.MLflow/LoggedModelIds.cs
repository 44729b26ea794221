namespace Auditor.Evidence.MLflow;

/// <summary>MLflow 3.x registers logged models with <c>source: models:/m-&lt;32 hex&gt;</c>.</summary>
internal static class LoggedModelIds
{
    public static string? FromSource(string? source) =>
        source is not null && source.StartsWith("models:/m-", StringComparison.Ordinal) ? source["models:/".Length..].TrimEnd('/') : null;
}
