using System.Text.RegularExpressions;
using Auditor.Core.Evidence;
using Tomlyn;
using Tomlyn.Model;

namespace Auditor.Evidence.Project.Environments;

/// <summary>Finds the environment files of the project and reads each with the reader for its kind.</summary>
internal static partial class EnvironmentReader
{
    public static IReadOnlyList<EnvironmentFile> Read(ProjectContext context)
    {
        var found = new List<EnvironmentFile>();
        foreach (var file in context.Files)
        {
            var kind = KindOf(file);
            if (kind is null)
            {
                continue;
            }

            if (kind == "devcontainer")
            {
                found.Add(new EnvironmentFile { Location = context.Locate(file), Kind = kind });
                continue;
            }

            if (context.Read(file) is not { } text)
            {
                found.Add(new EnvironmentFile { Location = context.Locate(file), Kind = kind, Problem = "not read (see skipped files)" });
                continue;
            }

            found.Add(kind switch
            {
                "requirements" => Requirements(context, file),
                "pyproject" => PyprojectReader.Read(context, file, text),
                "lock" => LockFileReader.Read(context, file, text),
                "pipfile" => Pipfile(context, file, text),
                "conda" or "python-env" => CondaReader.Read(context, file, text, kind),
                "setup" => SetupReader.Read(context, file, text),
                _ => DockerfileReader.Read(context, file, text),
            });
        }

        return found;
    }

    private static string? KindOf(ProjectFile file) => file.Name switch
    {
        "pyproject.toml" => "pyproject",
        "poetry.lock" or "uv.lock" or "pdm.lock" or "Pipfile.lock" or "conda-lock.yml" or "conda-lock.yaml" => "lock",
        "Pipfile" => "pipfile",
        "python_env.yaml" or "python_env.yml" => "python-env",
        "setup.py" or "setup.cfg" => "setup",
        "Dockerfile" or "Containerfile" => "dockerfile",
        "devcontainer.json" or ".devcontainer.json" => "devcontainer",
        _ when RequirementsName().IsMatch(file.Name) || (file.Folder.EndsWith("requirements", StringComparison.Ordinal) && file.Extension is ".txt" or ".in") => "requirements",
        _ when CondaName().IsMatch(file.Name) => "conda",
        _ when file.Name.EndsWith(".conda-lock.yml", StringComparison.Ordinal) => "lock",
        _ when file.Name.StartsWith("Dockerfile.", StringComparison.Ordinal) || file.Name.EndsWith(".Dockerfile", StringComparison.Ordinal) || file.Name.EndsWith(".dockerfile", StringComparison.Ordinal) => "dockerfile",
        _ => null,
    };

    private static EnvironmentFile Requirements(ProjectContext context, ProjectFile file)
    {
        var problems = new List<string>();
        var requirements = RequirementsParser.Parse(context, file, problems);
        return new EnvironmentFile
        {
            Location = context.Locate(file),
            Kind = "requirements",
            Tool = "pip",
            Requirements = requirements,
            Problem = problems.Count == 0 ? null : string.Join("; ", problems),
        };
    }

    private static EnvironmentFile Pipfile(ProjectContext context, ProjectFile file, string text)
    {
        try
        {
            var model = TomlSerializer.Deserialize<TomlTable>(text) ?? new TomlTable();
            var requirements = new[] { "packages", "dev-packages" }
                .SelectMany(section => model.Value(section) as TomlTable ?? [])
                .Select(p => (p.Key, Version: p.Value as string ?? (p.Value as TomlTable)?.Value("version") as string ?? ""))
                .Select(p => new Requirement(p.Key, p.Version, Pep508.IsExact(p.Version), TextLines.LineOf(text, p.Key)))
                .ToList();
            return new EnvironmentFile { Location = context.Locate(file), Kind = "pipfile", Tool = "pipenv", Requirements = requirements };
        }
        catch (TomlException e)
        {
            return new EnvironmentFile { Location = context.Locate(file), Kind = "pipfile", Tool = "pipenv", Problem = e.Message };
        }
    }

    [GeneratedRegex(@"^requirements[\w.-]*\.(txt|in)$", RegexOptions.IgnoreCase)]
    private static partial Regex RequirementsName();

    [GeneratedRegex(@"^(environment|conda|env)([\w.-]*)\.ya?ml$", RegexOptions.IgnoreCase)]
    private static partial Regex CondaName();
}
