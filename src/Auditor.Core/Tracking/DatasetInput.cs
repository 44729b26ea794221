namespace Auditor.Core.Tracking;

/// <summary>A dataset logged as a run input with <c>mlflow.log_input</c>.</summary>
public sealed record DatasetInput
{
    public required string Name { get; init; }

    public required string Digest { get; init; }

    public string? SourceType { get; init; }

    public string? Source { get; init; }

    /// <summary>The input tag <c>mlflow.data.context</c> (training, eval, ...), when set.</summary>
    public string? Context { get; init; }
}
