namespace Auditor.Core.Tracking;

/// <summary>An MLflow evaluation dataset (<c>d-...</c>; SQL stores only).</summary>
public sealed record EvaluationDataset
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    public string? Digest { get; init; }

    public string? CreatedBy { get; init; }

    public DateTimeOffset? CreationTime { get; init; }

    public int RecordCount { get; init; }

    public IReadOnlyList<string> ExperimentIds { get; init; } = [];

    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();
}
