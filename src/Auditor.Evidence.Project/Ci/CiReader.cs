using Auditor.Core.Evidence;

namespace Auditor.Evidence.Project.Ci;

/// <summary>
/// Finds CI definitions by their well-known paths and reads each with its provider's reader. Accepted positive signals for
/// <c>ci.present</c>: a definition at a provider's path (GitHub <c>.github/workflows/*.yml</c>, <c>.gitlab-ci.yml</c>, Azure Pipelines,
/// Jenkinsfile, CircleCI, Bitbucket, Travis, Buildkite, Drone, Woodpecker) or a Tekton/Argo Workflows object, that parses, runs at
/// least one command and runs on changes (<see cref="CiWorkflow.IsContinuousIntegration"/>). Steps are classified by
/// <see cref="StepClassifier"/>. Not CI: a workflow that does not parse, one with no job that runs a command (checkout only, bots
/// such as stale or labeler), one triggered only by a schedule, by hand, by issues or releases (its steps still count for training
/// and deployment), hidden GitLab jobs nothing extends, workflow templates outside <c>.github/workflows</c>.
/// </summary>
internal static class CiReader
{
    public static IReadOnlyList<CiWorkflow> Read(ProjectContext context)
    {
        var workflows = new List<CiWorkflow>();
        foreach (var file in context.Files)
        {
            var provider = ProviderOf(file, context);
            if (provider is null)
            {
                continue;
            }

            if (context.Read(file) is not { } text)
            {
                workflows.Add(new CiWorkflow { Location = context.Locate(file), Provider = provider, Problem = "not read (see skipped files)" });
                continue;
            }

            workflows.Add(provider switch
            {
                "github-actions" => GitHubActionsReader.Read(context, file, text),
                "gitlab-ci" => GitLabCiReader.Read(context, file, text),
                _ => OtherCiReader.Read(context, file, text, provider),
            });
        }

        return workflows;
    }

    private static string? ProviderOf(ProjectFile file, ProjectContext context)
    {
        var path = file.RelativePath;
        var yaml = file.Extension is ".yml" or ".yaml";
        return path switch
        {
            _ when yaml && file.Folder == ".github/workflows" => "github-actions",
            ".gitlab-ci.yml" or ".gitlab-ci.yaml" => "gitlab-ci",
            _ when yaml && (file.Name.StartsWith("azure-pipelines", StringComparison.Ordinal) || file.Folder == ".azure-pipelines" || file.Folder == ".azuredevops") => "azure-pipelines",
            _ when file.Name == "Jenkinsfile" || file.Name.EndsWith(".jenkinsfile", StringComparison.OrdinalIgnoreCase) => "jenkins",
            ".circleci/config.yml" or ".circleci/config.yaml" => "circleci",
            "bitbucket-pipelines.yml" => "bitbucket-pipelines",
            ".travis.yml" => "travis",
            _ when yaml && file.Folder == ".buildkite" => "buildkite",
            ".drone.yml" or ".drone.yaml" => "drone",
            _ when yaml && (path.StartsWith(".woodpecker", StringComparison.Ordinal)) => "woodpecker",
            _ when yaml && IsKind(context, file, "tekton.dev", ["Pipeline", "Task", "PipelineRun"]) => "tekton",
            _ when yaml && IsKind(context, file, "argoproj.io", ["Workflow", "WorkflowTemplate", "CronWorkflow"]) => "argo",
            _ => null,
        };
    }

    private static bool IsKind(ProjectContext context, ProjectFile file, string apiGroup, string[] kinds) =>
        KubernetesObjects.Of(context, file).Any(o => o.Group == apiGroup && kinds.Contains(o.Kind));
}
