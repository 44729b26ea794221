using Auditor.Core.Evidence;

namespace Auditor.Evidence.Project.Ci;

/// <summary>Finds CI definitions by their well-known paths and reads each with its provider's reader.</summary>
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
            _ when yaml && IsKind(context, file, "tekton.dev/", ["Pipeline", "Task", "PipelineRun"]) => "tekton",
            _ when yaml && IsKind(context, file, "argoproj.io/", ["Workflow", "WorkflowTemplate", "CronWorkflow"]) => "argo",
            _ => null,
        };
    }

    private static bool IsKind(ProjectContext context, ProjectFile file, string apiGroup, string[] kinds) =>
        context.Read(file) is { } text && text.Contains("apiVersion: " + apiGroup, StringComparison.Ordinal)
        && kinds.Any(k => text.Contains("kind: " + k + "\n", StringComparison.Ordinal) || text.Contains("kind: " + k + "\r", StringComparison.Ordinal));
}
