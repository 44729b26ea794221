using System.Text.RegularExpressions;
using Auditor.Core.Evidence;
using Tomlyn;
using Tomlyn.Model;

namespace Auditor.Evidence.Project.Environments;

/// <summary>
/// Finds the environment files of the project and reads each with the reader for its kind. Accepted positive signals: a file
/// that declares something to install: a requirements file, <c>pyproject.toml</c> (PEP 621, Poetry, PDM, Hatch, uv), <c>setup.py</c>/<c>setup.cfg</c>,
/// <c>Pipfile</c>, conda <c>environment.yml</c> or <c>python_env.yaml</c> with at least one requirement; a lock file with at least one
/// package; a Dockerfile with a base image; a devcontainer that names an image, a Dockerfile or a Compose file.
/// Not an environment declaration: an empty or comments-only requirements file, a <c>pyproject.toml</c> or <c>setup.cfg</c> that only
/// configures tools (black, ruff, flake8), an <c>env.yaml</c> of settings without <c>dependencies</c>, the environment files inside a
/// logged MLflow model (next to an <c>MLmodel</c> file: the model's environment, not the project's), and the documentation's
/// requirements (<c>docs/</c>, <c>doc/</c>).
/// </summary>
internal static partial class EnvironmentReader
{
    public static IReadOnlyList<EnvironmentFile> Read(ProjectContext context)
    {
        var found = new List<EnvironmentFile>();
        var modelFolders = context.Files.Where(f => f.Name == "MLmodel").Select(f => f.Folder).ToHashSet(StringComparer.Ordinal);
        foreach (var file in context.Files)
        {
            var kind = KindOf(file);
            if (kind is null || modelFolders.Contains(file.Folder) || file.Folder.Split('/')[0] is "docs" or "doc")
            {
                continue;
            }

            if (kind == "devcontainer")
            {
                if (context.Read(file) is { } json && DevcontainerEnvironment().IsMatch(json))
                {
                    found.Add(new EnvironmentFile { Location = context.Locate(file), Kind = kind });
                }

                continue;
            }

            if (context.Read(file) is not { } text)
            {
                // Too large or unreadable: listed (and in the skipped files), neither accepted nor rejected by its content.
                found.Add(new EnvironmentFile { Location = context.Locate(file), Kind = kind, Problem = "not read (see skipped files)" });
                continue;
            }

            var read = kind switch
            {
                "requirements" => Requirements(context, file),
                "pyproject" => PyprojectReader.Read(context, file, text),
                "lock" => LockFileReader.Read(context, file, text),
                "pipfile" => Pipfile(context, file, text),
                "conda" or "python-env" => CondaReader.Read(context, file, text, kind),
                "setup" => SetupReader.Read(context, file, text),
                _ => DockerfileReader.Read(context, file, text),
            };
            if (read.Requirements.Count > 0)
            {
                found.Add(read);
            }
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
            var model = TomlModel.Parse(text);
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

    [GeneratedRegex(@"""(image|dockerFile|dockerfile|dockerComposeFile|build)""\s*:")]
    private static partial Regex DevcontainerEnvironment();

    [GeneratedRegex(@"^requirements[\w.-]*\.(txt|in)$", RegexOptions.IgnoreCase)]
    private static partial Regex RequirementsName();

    [GeneratedRegex(@"^(environment|conda|env)([\w.-]*)\.ya?ml$", RegexOptions.IgnoreCase)]
    private static partial Regex CondaName();
}
