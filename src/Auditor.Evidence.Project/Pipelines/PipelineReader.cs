using System.Text.RegularExpressions;
using Auditor.Core.Evidence;
using Auditor.Evidence.Project.TestSuites;

namespace Auditor.Evidence.Project.Pipelines;

/// <summary>
/// Pipeline and training-automation definitions. Accepted positive signals (each must define something to run):
/// an <c>MLproject</c> with at least one entry point; a <c>dvc.yaml</c> with at least one stage that has a <c>cmd</c>
/// (and its <c>dvc.lock</c>); a Snakemake file with at least one rule; a Python file that imports a pipeline framework and
/// defines a pipeline with it: an Airflow <c>DAG(…)</c>/<c>@dag</c>, a Prefect <c>@flow</c>, a Kubeflow <c>@dsl.pipeline</c>,
/// a ZenML <c>@pipeline</c>, a Metaflow <c>class …(FlowSpec)</c>, a Kedro <c>pipeline([node(…)])</c>/<c>Pipeline([…])</c>.
/// Makefile targets are listed (kind <c>makefile</c>) but do not make <c>pipeline.present</c>.
/// Not a pipeline: a <c>dvc.yaml</c> with only <c>metrics</c>/<c>plots</c> (what DVCLive writes), <c>.dvc</c> files from <c>dvc add</c> (data
/// versioning, not a pipeline), an MLproject without entry points, a framework import without a definition (an Airflow plugin, a
/// comment naming a pipeline), a scikit-learn <c>Pipeline</c>.
/// </summary>
internal static partial class PipelineReader
{
    private static readonly (string Kind, string Import, string Marker)[] Frameworks =
    [
        ("airflow", "airflow", @"^\s*(with\s+)?(\w+\s*=\s*)?(models\.|airflow\.)?DAG\(|^\s*@dag\b"),
        ("prefect", "prefect", @"^\s*@flow\b"),
        ("kubeflow", "kfp", @"^\s*@(dsl\.)?pipeline\b"),
        ("zenml", "zenml", @"^\s*@pipeline\b"),
        ("metaflow", "metaflow", @"^\s*class\s+\w+\s*\(\s*FlowSpec\s*\)"),
        ("kedro", "kedro", @"\b(pipeline|Pipeline)\(\s*\[\s*(node\(|$)"),
    ];

    public static IReadOnlyList<PipelineDefinition> Read(ProjectContext context)
    {
        var found = new List<PipelineDefinition>();
        foreach (var file in context.Files)
        {
            switch (file.Name)
            {
                case "MLproject" or "MLProject" when YamlKeys(context, file, "entry_points") is { Count: > 0 } entryPoints:
                    found.Add(new(context.Locate(file), "mlproject", entryPoints));
                    break;
                case "dvc.yaml" when DvcStages(context, file) is { Count: > 0 } stages:
                    found.Add(new(context.Locate(file), "dvc", stages));
                    break;
                case "dvc.lock" when DvcStages(context, file) is { Count: > 0 } stages:
                    found.Add(new(context.Locate(file), "dvc-lock", stages));
                    break;
                case "Makefile" or "makefile" or "GNUmakefile":
                    found.Add(new(context.Locate(file), "makefile", MakeTargets(context.Read(file) ?? "")));
                    break;
                case "Snakefile" when SnakeRules(context.Read(file) ?? "") is { Count: > 0 } rules:
                    found.Add(new(context.Locate(file), "snakemake", rules));
                    break;
                default:
                    if (file.Extension == ".smk" && SnakeRules(context.Read(file) ?? "") is { Count: > 0 })
                    {
                        found.Add(new(context.Locate(file), "snakemake", SnakeRules(context.Read(file) ?? "")));
                    }
                    else if (file.Extension == ".py" && Framework(context, file) is { } framework)
                    {
                        found.Add(framework);
                    }

                    break;
            }
        }

        return found;
    }

    private static PipelineDefinition? Framework(ProjectContext context, ProjectFile file)
    {
        if (context.Read(file) is not { } text)
        {
            return null;
        }

        foreach (var (kind, import, marker) in Frameworks)
        {
            var imported = PythonImports.Of(text).Any(m => m == import || m.StartsWith(import + ".", StringComparison.Ordinal));
            if (imported && Regex.Match(text, marker, RegexOptions.Multiline) is { Success: true } definition)
            {
                return new PipelineDefinition(context.Locate(file, text.AsSpan(0, definition.Index).Count('\n') + 1), kind, []);
            }
        }

        return null;
    }

    private static IReadOnlyList<string> YamlKeys(ProjectContext context, ProjectFile file, string section) =>
        context.Read(file) is { } text && YamlText.Load(text, out _)?.FirstOrDefault() is { } root
            ? root.Get(section).Entries().Select(e => e.Key).ToList()
            : [];

    /// <summary>The stages that run a command (<c>cmd</c>, or a <c>foreach</c>/<c>matrix</c> with a <c>do.cmd</c>).</summary>
    private static IReadOnlyList<string> DvcStages(ProjectContext context, ProjectFile file) =>
        context.Read(file) is { } text && YamlText.Load(text, out _)?.FirstOrDefault() is { } root
            ? root.Get("stages").Entries().Where(e => e.Value.Get("cmd") is not null || e.Value.Get("do").Get("cmd") is not null || file.Name == "dvc.lock").Select(e => e.Key).ToList()
            : [];

    private static IReadOnlyList<string> MakeTargets(string text) =>
        MakeTarget().Matches(text).Select(m => m.Groups[1].Value).Where(t => !t.StartsWith('.')).Distinct().ToList();

    private static IReadOnlyList<string> SnakeRules(string text) =>
        SnakeRule().Matches(text).Select(m => m.Groups[1].Value).ToList();

    [GeneratedRegex(@"^([A-Za-z0-9_.-]+)\s*:(?![=:])", RegexOptions.Multiline)]
    private static partial Regex MakeTarget();

    [GeneratedRegex(@"^rule\s+(\w+)\s*:", RegexOptions.Multiline)]
    private static partial Regex SnakeRule();
}
