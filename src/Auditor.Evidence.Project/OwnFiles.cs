using System.Text.RegularExpressions;

namespace Auditor.Evidence.Project;

/// <summary>
/// mlaudit's own files, which are never evidence about the audited project: the configuration
/// (<c>.mlaudit.yml</c>, <c>.mlaudit.yaml</c>, or the file given with <c>--config</c>), the attestation file
/// (<c>.mlaudit-attestations.yml</c> or the configured name), every YAML file whose <c>apiVersion</c> is
/// <c>mlaudit/…</c> (rule files, a copied maturity model), the reports (<c>report.json</c>, <c>.html</c>,
/// <c>.css</c>, <c>.sarif</c>, <c>.junit.xml</c>, <c>.md</c>, an <c>mlaudit-report/</c> folder) and the history folder.
/// </summary>
internal static partial class OwnFiles
{
    private static readonly HashSet<string> Names = new(StringComparer.Ordinal)
    {
        ".mlaudit.yml", ".mlaudit.yaml", ".mlaudit-attestations.yml",
        "report.json", "report.html", "report.css", "report.sarif", "report.junit.xml", "report.md",
    };

    public const string ReportFolder = "mlaudit-report";

    /// <summary>True for a file mlaudit names or was told about (<see cref="ProjectCollectionOptions.OwnPaths"/>).</summary>
    public static bool IsOwn(string fullPath, string name, ProjectCollectionOptions options) =>
        Names.Contains(name) || options.OwnPaths.Contains(fullPath);

    /// <summary>True for a YAML file with a document whose <c>apiVersion</c> is mlaudit's (a rule file, a configuration under another name).</summary>
    public static bool IsOwnYaml(ProjectFile file, ProjectContext context) =>
        file.Extension is ".yml" or ".yaml" && context.Read(file) is { } text && MlauditApi().IsMatch(text);

    [GeneratedRegex("""^apiVersion:\s*["']?mlaudit/""", RegexOptions.Multiline)]
    private static partial Regex MlauditApi();
}
