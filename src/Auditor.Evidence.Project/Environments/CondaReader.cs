using Auditor.Core.Evidence;

namespace Auditor.Evidence.Project.Environments;

/// <summary>
/// Conda environment files (environment.yml, conda.yaml) and MLflow's python_env.yaml: conda specs, the
/// nested pip section and pip lines (with <c>-r</c> includes) as requirements.
/// </summary>
internal static class CondaReader
{
    public static EnvironmentFile Read(ProjectContext context, ProjectFile file, string text, string kind)
    {
        var root = YamlText.Load(text, out var problem)?.FirstOrDefault();
        if (problem is not null)
        {
            return new EnvironmentFile { Location = context.Locate(file), Kind = kind, Tool = kind == "conda" ? "conda" : "pip", Problem = problem };
        }

        var problems = new List<string>();
        var visited = new HashSet<string>(StringComparer.Ordinal) { file.RelativePath };
        var requirements = new List<Requirement>();
        if (kind == "python-env")
        {
            if (root.Get("python") is { } python)
            {
                requirements.Add(CondaSpec.Parse("python=" + python.Scalar(), python.Line()));
            }

            foreach (var item in root.Get("build_dependencies").Items().Concat(root.Get("dependencies").Items()))
            {
                requirements.AddRange(RequirementsParser.ParseLine(context, file, item.Scalar() ?? "", item.Line(), problems, visited));
            }
        }
        else
        {
            foreach (var item in root.Get("dependencies").Items())
            {
                if (item.Scalar() is { } spec)
                {
                    requirements.Add(CondaSpec.Parse(spec, item.Line()));
                }

                foreach (var pip in item.Get("pip").Items())
                {
                    requirements.AddRange(RequirementsParser.ParseLine(context, file, pip.Scalar() ?? "", pip.Line(), problems, visited));
                }
            }
        }

        return new EnvironmentFile
        {
            Location = context.Locate(file),
            Kind = kind,
            Tool = kind == "conda" ? "conda" : "pip",
            Requirements = requirements,
            Problem = problems.Count == 0 ? null : string.Join("; ", problems),
        };
    }
}
