using System.Text.RegularExpressions;
using Auditor.Core.Evidence;

namespace Auditor.Evidence.Project.Pipelines;

/// <summary>
/// Pipeline and training-automation definitions: MLproject entry points, DVC stages and tracked files,
/// Makefile targets, Snakemake files, and Python files that define Airflow DAGs, Prefect flows, Kubeflow
/// pipelines, ZenML pipelines, Metaflow flows or Kedro pipelines.
/// </summary>
internal static partial class PipelineReader
{
    private static readonly (string Kind, string Import, string Marker)[] Frameworks =
    [
        ("airflow", "airflow", "DAG"),
        ("prefect", "prefect", "@flow"),
        ("kubeflow", "kfp", "pipeline"),
        ("zenml", "zenml", "@pipeline"),
        ("metaflow", "metaflow", "FlowSpec"),
        ("kedro", "kedro", "pipeline"),
    ];

    public static IReadOnlyList<PipelineDefinition> Read(ProjectContext context)
    {
        var found = new List<PipelineDefinition>();
        var dvcFiles = new List<ProjectFile>();
        foreach (var file in context.Files)
        {
            switch (file.Name)
            {
                case "MLproject" or "MLProject":
                    found.Add(new(context.Locate(file), "mlproject", YamlKeys(context, file, "entry_points")));
                    break;
                case "dvc.yaml":
                    found.Add(new(context.Locate(file), "dvc", YamlKeys(context, file, "stages")));
                    break;
                case "dvc.lock":
                    found.Add(new(context.Locate(file), "dvc-lock", YamlKeys(context, file, "stages")));
                    break;
                case "Makefile" or "makefile" or "GNUmakefile":
                    found.Add(new(context.Locate(file), "makefile", MakeTargets(context.Read(file) ?? "")));
                    break;
                case "Snakefile":
                    found.Add(new(context.Locate(file), "snakemake", SnakeRules(context.Read(file) ?? "")));
                    break;
                default:
                    if (file.Extension == ".dvc" && file.Folder != ".dvc")
                    {
                        dvcFiles.Add(file);
                    }
                    else if (file.Extension == ".smk")
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

        found.AddRange(dvcFiles.Select(f => new PipelineDefinition(context.Locate(f), "dvc-file", [])));
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
            var line = TextLines.LineOf(text, "from " + import) ?? TextLines.LineOf(text, "import " + import);
            if (line is not null && text.Contains(marker, StringComparison.Ordinal))
            {
                return new PipelineDefinition(context.Locate(file, line), kind, []);
            }
        }

        return null;
    }

    private static IReadOnlyList<string> YamlKeys(ProjectContext context, ProjectFile file, string section) =>
        context.Read(file) is { } text && YamlText.Load(text, out _)?.FirstOrDefault() is { } root
            ? root.Get(section).Entries().Select(e => e.Key).ToList()
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
