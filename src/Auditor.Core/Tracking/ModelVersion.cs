namespace Auditor.Core.Tracking;

public sealed record ModelVersion
{
    public required string ModelName { get; init; }

    public required int Version { get; init; }

    /// <summary>None, Staging, Production or Archived.</summary>
    public string Stage { get; init; } = "None";

    public string? Status { get; init; }

    public string? Source { get; init; }

    public string? RunId { get; init; }

    public string? RunLink { get; init; }

    public string? StorageLocation { get; init; }

    /// <summary>The model files the version points to (via <see cref="Source"/>, else <see cref="StorageLocation"/>).</summary>
    public ModelArtifact? Artifact { get; init; }

    /// <summary>MLflow 3.x logged model id (<c>m-...</c>) the version points to, if any.</summary>
    public string? ModelId { get; init; }

    public string? UserId { get; init; }

    public string? Description { get; init; }

    public DateTimeOffset? CreationTime { get; init; }

    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();

    /// <summary>Aliases that point to this version.</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];
}
