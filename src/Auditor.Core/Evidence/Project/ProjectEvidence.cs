namespace Auditor.Core.Evidence;

/// <summary>The project's ML engineering files, read from the working tree. Facts only: rules judge them.</summary>
public sealed record ProjectEvidence
{
    /// <summary>The audited folder, absolute.</summary>
    public required string Root { get; init; }

    public IReadOnlyList<EnvironmentFile> Environments { get; init; } = [];

    public IReadOnlyList<CiWorkflow> Ci { get; init; } = [];

    public TestSuite Tests { get; init; } = new();

    public IReadOnlyList<PipelineDefinition> Pipelines { get; init; } = [];

    public IReadOnlyList<DataVersioning> DataVersioning { get; init; } = [];

    public IReadOnlyList<DeploymentConfig> Deployments { get; init; } = [];

    public IReadOnlyList<MonitoringConfig> Monitoring { get; init; } = [];

    public IReadOnlyList<SkippedFile> Skipped { get; init; } = [];
}
