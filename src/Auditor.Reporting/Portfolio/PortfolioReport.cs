namespace Auditor.Reporting.Portfolio;

/// <summary>
/// Many projects' audits side by side (<c>mlaudit portfolio</c>): the level distribution, a row per project, the rules
/// that block most projects and each category across projects. Its JSON form is documented in
/// <c>docs/portfolio.schema.json</c>.
/// </summary>
public sealed record PortfolioReport
{
    public string SchemaVersion { get; init; } = "1";

    public required PortfolioTool Tool { get; init; }

    public required DateTimeOffset GeneratedAt { get; init; }

    /// <summary>Reports older than this many days are marked stale.</summary>
    public required int StaleAfterDays { get; init; }

    public required int ReportsFound { get; init; }

    public required IReadOnlyList<LevelCount> Levels { get; init; }

    /// <summary>One row per project, lowest level first, then by name.</summary>
    public required IReadOnlyList<PortfolioEntry> Projects { get; init; }

    /// <summary>The rules that keep most projects from their next level, then those failing in most projects.</summary>
    public required IReadOnlyList<RuleAcrossProjects> Rules { get; init; }

    public required IReadOnlyList<CategoryAcrossProjects> Categories { get; init; }

    public PortfolioTrend? Trend { get; init; }

    public required IReadOnlyList<string> Problems { get; init; }

    /// <summary>With <c>audit --projects</c>: the runs of the shared store that no project claims; null for a portfolio of separate reports.</summary>
    public UnattributedRuns? Unattributed { get; init; }

    public int Stale => Projects.Count(p => p.Stale);
}

/// <summary>How many runs belong to no project, and the first of them (name and id).</summary>
public sealed record UnattributedRuns(int Runs, IReadOnlyList<string> Listed)
{
    public const int ListedMax = 20;
}

public sealed record PortfolioTool(string Name, string Version);

public sealed record LevelCount(int Level, string Name, int Projects);

public sealed record RuleAcrossProjects(
    string RuleId,
    string Title,
    int Level,
    string Category,
    string Severity,
    bool Required,
    int BlockedProjects,
    int FailingProjects,
    IReadOnlyList<string> Blocked);

/// <summary>
/// A category over the projects that could judge it (a score needs a pass or a fail): median and lowest score, and
/// how many projects had no evidence for it at all.
/// </summary>
public sealed record CategoryAcrossProjects(string Category, string Label, int Scored, int NotScored, int? Median, int? Lowest, int Failed);

/// <summary>What changed since an earlier portfolio (<c>--previous</c>).</summary>
public sealed record PortfolioTrend(
    DateTimeOffset PreviousGeneratedAt,
    IReadOnlyList<LevelCount> PreviousLevels,
    IReadOnlyList<LevelChange> Improved,
    IReadOnlyList<LevelChange> Regressed,
    IReadOnlyList<string> Added,
    IReadOnlyList<string> Removed);

public sealed record LevelChange(string Project, int From, int To);
