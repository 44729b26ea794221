namespace Auditor.Core.Evidence;

/// <summary>
/// A CI definition. <see cref="Provider"/> is one of github-actions, gitlab-ci, azure-pipelines, jenkins,
/// circleci, bitbucket-pipelines, travis, buildkite, drone, woodpecker, tekton, argo. GitHub Actions and
/// GitLab CI are parsed; the others are recognised by file and their commands scanned line by line.
/// </summary>
public sealed record CiWorkflow
{
    public required SourceLocation Location { get; init; }

    public required string Provider { get; init; }

    public string? Name { get; init; }

    public IReadOnlyList<CiTrigger> Triggers { get; init; } = [];

    public IReadOnlyList<CiStep> Steps { get; init; } = [];

    public string? Problem { get; init; }
}
