namespace Auditor.Core.Tracking;

public sealed record Experiment
{
    /// <summary>Experiment id as MLflow writes it (decimal digits; 18 digits in 2.x file stores).</summary>
    public required string Id { get; init; }

    public required string Name { get; init; }

    public Lifecycle Lifecycle { get; init; }

    public string? ArtifactLocation { get; init; }

    public DateTimeOffset? CreationTime { get; init; }

    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();
}
