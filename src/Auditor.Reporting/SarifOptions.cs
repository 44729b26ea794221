namespace Auditor.Reporting;

/// <summary>
/// What the SARIF writer needs beyond the report: the repository's public URI when known (for example from
/// GITHUB_SERVER_URL/GITHUB_REPOSITORY) and a committed file in the project folder, relative to it, that findings
/// without a file of their own point at (GitHub code scanning rejects results without a location).
/// </summary>
public sealed record SarifOptions
{
    public string? RepositoryUri { get; init; }

    public string AnchorFile { get; init; } = "README.md";
}
