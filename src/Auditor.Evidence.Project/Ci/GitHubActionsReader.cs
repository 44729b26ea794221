using Auditor.Core.Evidence;
using YamlDotNet.RepresentationModel;

namespace Auditor.Evidence.Project.Ci;

/// <summary>
/// GitHub Actions workflows (<c>.github/workflows/*.yml</c>): triggers from <c>on</c>, and every job's steps classified from <c>run</c>
/// and <c>uses</c> (see <see cref="StepClassifier"/>). Whether it counts as CI is <see cref="CiWorkflow.IsContinuousIntegration"/>.
/// </summary>
internal static class GitHubActionsReader
{
    public static CiWorkflow Read(ProjectContext context, ProjectFile file, string text)
    {
        var root = YamlText.Load(text, out var problem)?.FirstOrDefault();
        if (problem is not null)
        {
            return new CiWorkflow { Location = context.Locate(file), Provider = "github-actions", Problem = problem };
        }

        var steps = new List<CiStep>();
        var commands = 0;
        foreach (var (jobName, job) in root.Get("jobs").Entries())
        {
            if (job.Get("uses") is { } reusable)
            {
                commands++;
                steps.AddRange(Classify(context, file, jobName, reusable.Scalar() ?? "", reusable.Line(), StepClassifier.ClassifyAction(reusable.Scalar() ?? "").Concat(StepClassifier.ClassifyCommand(reusable.Scalar() ?? ""))));
            }

            foreach (var step in job.Get("steps").Items())
            {
                if (step.Get("uses") is YamlScalarNode { Value: { } uses } usesNode)
                {
                    var with = string.Join(' ', step.Get("with").Scalars().Select(s => s.Value));
                    var kinds = StepClassifier.ClassifyAction(uses).Concat(StepClassifier.ClassifyCommand(with)).ToList();
                    commands += uses.StartsWith("./", StringComparison.Ordinal) || kinds.Count > 0 ? 1 : 0;
                    steps.AddRange(Classify(context, file, jobName, uses, usesNode.Line(), kinds));
                }

                if (step.Get("run") is YamlScalarNode { Value: { } run } runNode)
                {
                    commands++;
                    steps.AddRange(CommandLines(context, file, jobName, run, runNode));
                }
            }
        }

        return new CiWorkflow
        {
            Location = context.Locate(file),
            Provider = "github-actions",
            Name = root.Get("name").Scalar(),
            Triggers = Triggers(root.Get("on") ?? root.Get("true")),
            Steps = steps,
            Commands = commands,
        };
    }

    internal static IEnumerable<CiStep> CommandLines(ProjectContext context, ProjectFile file, string job, string script, YamlNode node)
    {
        var lines = script.Split('\n');
        var literal = node is YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Literal or YamlDotNet.Core.ScalarStyle.Folded };
        for (var i = 0; i < lines.Length; i++)
        {
            var line = node.Line() + (literal ? i + 1 : i);
            foreach (var step in Classify(context, file, job, lines[i].Trim(), line, StepClassifier.ClassifyCommand(lines[i])))
            {
                yield return step;
            }
        }
    }

    private static IEnumerable<CiStep> Classify(ProjectContext context, ProjectFile file, string job, string evidence, int line, IEnumerable<CiStepKind> kinds) =>
        kinds.Distinct().Select(kind => new CiStep(kind, job, evidence, context.Locate(file, line)));

    private static IReadOnlyList<CiTrigger> Triggers(YamlNode? on)
    {
        var events = on switch
        {
            YamlScalarNode scalar => [(scalar.Value ?? "", (YamlNode?)null)],
            YamlSequenceNode sequence => sequence.Children.Select(c => (c.Scalar() ?? "", (YamlNode?)null)).ToList(),
            YamlMappingNode => on.Entries().Select(e => (e.Key, (YamlNode?)e.Value)).ToList(),
            _ => new List<(string, YamlNode?)>(),
        };
        var triggers = new List<CiTrigger>();
        foreach (var (name, settings) in events)
        {
            triggers.AddRange(name switch
            {
                "push" when settings.Get("tags") is not null && settings.Get("branches") is null => [CiTrigger.Tag],
                "push" when settings.Get("tags") is not null => [CiTrigger.Push, CiTrigger.Tag],
                "push" => [CiTrigger.Push],
                "pull_request" or "pull_request_target" or "merge_group" => [CiTrigger.PullRequest],
                "schedule" => [CiTrigger.Schedule],
                "workflow_dispatch" => [CiTrigger.Manual],
                "workflow_run" => [CiTrigger.WorkflowRun],
                "release" or "create" => [CiTrigger.Tag],
                _ => [CiTrigger.Other],
            });
        }

        return triggers.Distinct().ToList();
    }
}
