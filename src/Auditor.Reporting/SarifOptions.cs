namespace Auditor.Reporting;

/// <summary>
/// What the SARIF writer needs beyond the report: the audited repository's public URI when known (from
/// GITHUB_SERVER_URL/GITHUB_REPOSITORY or CI_PROJECT_URL; no provenance without it, never a local path), where the
/// rule catalogue is published (each rule's <c>helpUri</c>), and the committed files, relative to the project folder,
/// that findings without a file of their own point at: per category the file a fix would touch (the CI workflow for
/// ci-cd, the environment file for environment...), else <see cref="AnchorFile"/> (code scanning rejects results
/// without a location).
/// </summary>
public sealed record SarifOptions
{
    public string? RepositoryUri { get; init; }

    /// <summary>The rule catalogue (docs/rules.md) at the tool's commit; a rule's help is this plus <c>#mla-0001</c>.</summary>
    public string? RulesDocumentUri { get; init; }

    /// <summary>The tool's home page (<c>tool.driver.informationUri</c>).</summary>
    public string? InformationUri { get; init; }

    public string AnchorFile { get; init; } = "README.md";

    /// <summary>Rule category to the project file its project-level findings are placed at.</summary>
    public IReadOnlyDictionary<string, string> CategoryFiles { get; init; } = new Dictionary<string, string>();
}
