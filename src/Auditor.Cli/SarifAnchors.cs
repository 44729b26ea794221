using Auditor.Reporting;

namespace Auditor.Cli;

/// <summary>
/// Where SARIF places findings without a file of their own: per rule category the project file a fix would touch (the
/// CI workflow, the environment file, the Dockerfile...), first present wins, else a README or the first committed file.
/// </summary>
internal static class SarifAnchors
{
    private static readonly string[] Ci = [".github/workflows/*", ".gitlab-ci.yml", "Jenkinsfile", "azure-pipelines.yml", ".circleci/config.yml"];
    private static readonly string[] Environment = ["requirements.txt", "pyproject.toml", "environment.yml", "conda.yaml", "Pipfile", "setup.py"];
    private static readonly string[] Tracking = ["MLproject", ".mlaudit.yml"];

    private static readonly Dictionary<string, string[]> Candidates = new()
    {
        ["ci-cd"] = Ci,
        ["testing"] = Ci,
        ["environment"] = Environment,
        ["deployment"] = ["Dockerfile", .. Ci],
        ["data"] = ["dvc.yaml", ".dvc/config", .. Tracking],
        ["tracking"] = Tracking,
        ["model-management"] = Tracking,
        ["security"] = [".mlaudit.yml"],
        ["process"] = [".mlaudit.yml"],
        ["monitoring"] = [.. Ci],
    };

    private static readonly string[] Fallback = ["README.md", "README.rst", "README.txt", "README", "MLproject", "pyproject.toml", "requirements.txt"];

    public static SarifOptions For(string project, string? repositoryUri) => new()
    {
        RepositoryUri = repositoryUri,
        RulesDocumentUri = ToolVersion.RulesDocument,
        InformationUri = ToolVersion.RepositoryUrl,
        AnchorFile = First(project, Fallback)
            ?? Directory.EnumerateFiles(project).Select(Path.GetFileName).Where(n => n is not null && !n.StartsWith('.')).Order(StringComparer.Ordinal).FirstOrDefault()
            ?? "README.md",
        CategoryFiles = Candidates.Select(c => (c.Key, File: First(project, c.Value))).Where(c => c.File is not null).ToDictionary(c => c.Key, c => c.File!),
    };

    private static string? First(string project, IEnumerable<string> candidates) => candidates.Select(candidate => candidate.EndsWith("/*", StringComparison.Ordinal)
            ? (Directory.Exists(Path.Combine(project, candidate[..^2]))
                ? Directory.EnumerateFiles(Path.Combine(project, candidate[..^2])).Select(Path.GetFileName).Where(n => n!.EndsWith(".yml", StringComparison.Ordinal) || n.EndsWith(".yaml", StringComparison.Ordinal)).Order(StringComparer.Ordinal).Select(n => $"{candidate[..^2]}/{n}").FirstOrDefault()
                : null)
            : File.Exists(Path.Combine(project, candidate)) ? candidate : null)
        .FirstOrDefault(found => found is not null);
}
