using Auditor.Core.Evidence;
using YamlDotNet.RepresentationModel;

namespace Auditor.Evidence.Project.Ci;

/// <summary>
/// GitLab CI: every job's script lines classified; triggers from <c>workflow:rules</c>, job <c>rules</c> and
/// <c>only</c> (merge requests, schedules, manual/web, tags), and push, GitLab's default. Hidden jobs (<c>.name</c>) run only
/// through a job that <c>extends</c> them; their scripts count only then.
/// </summary>
internal static class GitLabCiReader
{
    private static readonly HashSet<string> Reserved = new(StringComparer.Ordinal)
    {
        "stages", "variables", "default", "include", "workflow", "image", "services", "before_script", "after_script", "cache", "pages:deploy",
    };

    public static CiWorkflow Read(ProjectContext context, ProjectFile file, string text)
    {
        var root = YamlText.Load(text, out var problem)?.FirstOrDefault();
        if (problem is not null)
        {
            return new CiWorkflow { Location = context.Locate(file), Provider = "gitlab-ci", Problem = problem };
        }

        var steps = new List<CiStep>();
        var triggers = new List<CiTrigger>();
        var commands = 0;
        var jobs = root.Entries().Where(e => !Reserved.Contains(e.Key) && e.Value is YamlMappingNode).ToList();
        var extended = jobs.Where(j => !j.Key.StartsWith('.')).SelectMany(j => j.Value.Get("extends") is YamlScalarNode one ? [one] : j.Value.Get("extends").Items())
            .Select(e => e.Scalar()).OfType<string>().ToHashSet(StringComparer.Ordinal);
        foreach (var (jobName, job) in jobs.Where(j => !j.Key.StartsWith('.') || extended.Contains(j.Key)))
        {
            foreach (var part in new[] { "before_script", "script", "after_script" })
            {
                var lines = job.Get(part) is YamlScalarNode single ? [single] : job.Get(part).Items();
                foreach (var line in lines.OfType<YamlScalarNode>())
                {
                    commands++;
                    steps.AddRange(GitHubActionsReader.CommandLines(context, file, jobName, line.Value ?? "", line));
                }
            }

            triggers.AddRange(JobTriggers(job));
        }

        triggers.AddRange(JobTriggers(root.Get("workflow")));
        if (!triggers.Contains(CiTrigger.Push) && !HasOnlyNonPushRules(root))
        {
            triggers.Add(CiTrigger.Push);
        }

        return new CiWorkflow { Location = context.Locate(file), Provider = "gitlab-ci", Triggers = triggers.Distinct().Order().ToList(), Steps = steps, Commands = commands };
    }

    private static IEnumerable<CiTrigger> JobTriggers(YamlNode? job)
    {
        var words = job.Get("rules").Scalars().Concat(job.Get("only").Scalars()).Select(s => s.Value ?? "").ToList();
        if (job.Get("when").Scalar() == "manual")
        {
            yield return CiTrigger.Manual;
        }

        foreach (var word in words)
        {
            if (word.Contains("merge_request", StringComparison.Ordinal))
            {
                yield return CiTrigger.PullRequest;
            }

            if (word.Contains("schedule", StringComparison.Ordinal))
            {
                yield return CiTrigger.Schedule;
            }

            if (word.Contains("\"web\"", StringComparison.Ordinal) || word is "web" or "manual")
            {
                yield return CiTrigger.Manual;
            }

            if (word.Contains("CI_COMMIT_TAG", StringComparison.Ordinal) || word == "tags")
            {
                yield return CiTrigger.Tag;
            }

            if (word.Contains("\"push\"", StringComparison.Ordinal) || word.Contains("CI_COMMIT_BRANCH", StringComparison.Ordinal) || word == "branches")
            {
                yield return CiTrigger.Push;
            }
        }
    }

    /// <summary>Workflow rules that name pipeline sources without push restrict GitLab's default.</summary>
    private static bool HasOnlyNonPushRules(YamlNode? root) =>
        root.Get("workflow").Get("rules").Scalars().Any(s => s.Value?.Contains("CI_PIPELINE_SOURCE", StringComparison.Ordinal) == true);
}
