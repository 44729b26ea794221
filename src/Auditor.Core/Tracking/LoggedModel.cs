namespace Auditor.Core.Tracking;

/// <summary>An MLflow 3.x logged model (<c>m-...</c>).</summary>
public sealed record LoggedModel
{
    public required string Id { get; init; }

    public required string ExperimentId { get; init; }

    public string? Name { get; init; }

    public string? SourceRunId { get; init; }

    public string? ArtifactLocation { get; init; }

    /// <summary>The model files at <see cref="ArtifactLocation"/>.</summary>
    public ModelArtifact? Artifact { get; init; }

    /// <summary>UNSPECIFIED, PENDING, READY or FAILED.</summary>
    public string? Status { get; init; }

    public Lifecycle Lifecycle { get; init; }

    public IReadOnlyDictionary<string, string> Params { get; init; } = new Dictionary<string, string>();

    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();

    public IReadOnlyDictionary<string, MetricSummary> Metrics { get; init; } = new Dictionary<string, MetricSummary>();
}
