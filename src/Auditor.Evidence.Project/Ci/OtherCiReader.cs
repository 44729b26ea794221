using Auditor.Core.Evidence;

namespace Auditor.Evidence.Project.Ci;

/// <summary>
/// CI systems recognised by file (Azure Pipelines, Jenkins, CircleCI, Bitbucket, Travis, Buildkite, Drone,
/// Woodpecker, Tekton, Argo): each line is classified as a command; triggers only where the file states them
/// plainly (Azure <c>pr</c>/<c>trigger</c>/<c>schedules</c>, Bitbucket <c>pull-requests</c>, cron).
/// </summary>
internal static class OtherCiReader
{
    public static CiWorkflow Read(ProjectContext context, ProjectFile file, string text, string provider)
    {
        var steps = new List<CiStep>();
        var triggers = new HashSet<CiTrigger>();
        var lines = TextLines.Split(text);
        var commands = lines.Count(l => l.Trim() is { Length: > 0 } t && !t.StartsWith('#') && !t.StartsWith("//", StringComparison.Ordinal));
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            steps.AddRange(StepClassifier.ClassifyCommand(line).Distinct().Select(kind => new CiStep(kind, "", line, context.Locate(file, i + 1))));
            if (lines[i].StartsWith("pr:", StringComparison.Ordinal) || line.StartsWith("pull-requests:", StringComparison.Ordinal) || line.Contains("pull_request", StringComparison.Ordinal))
            {
                triggers.Add(CiTrigger.PullRequest);
            }

            if (lines[i].StartsWith("trigger:", StringComparison.Ordinal) || line.StartsWith("branches:", StringComparison.Ordinal) && provider == "bitbucket-pipelines")
            {
                triggers.Add(CiTrigger.Push);
            }

            if (lines[i].StartsWith("schedules:", StringComparison.Ordinal) || line.StartsWith("cron", StringComparison.OrdinalIgnoreCase) || line.Contains("cron(", StringComparison.Ordinal))
            {
                triggers.Add(CiTrigger.Schedule);
            }
        }

        return new CiWorkflow { Location = context.Locate(file), Provider = provider, Triggers = triggers.Order().ToList(), Steps = steps, Commands = commands };
    }
}
