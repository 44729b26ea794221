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

    /// <summary>
    /// What the workflow runs: shell command lines (<c>run</c>, <c>script</c>), reusable-workflow calls, local actions and actions
    /// that test, build or deploy; for systems scanned line by line, the lines that are not blank or comments.
    /// </summary>
    public int Commands { get; init; }

    /// <summary>
    /// Whether this is continuous integration: it parsed, it runs at least one command, and it runs on changes (push, pull or merge
    /// requests). Systems scanned line by line (Jenkins, CircleCI, Travis, …) build on every change by default. A workflow that only
    /// runs on a schedule, by hand, on issues or releases, or only calls bots (stale, labeler) is not CI.
    /// </summary>
    public bool IsContinuousIntegration =>
        Problem is null && Commands > 0 && (Provider is not ("github-actions" or "gitlab-ci") || Triggers.Contains(CiTrigger.Push) || Triggers.Contains(CiTrigger.PullRequest));
}
