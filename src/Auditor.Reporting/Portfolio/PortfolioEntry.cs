namespace Auditor.Reporting.Portfolio;

/// <summary>
/// One audited project as a portfolio sees it: what a platform lead compares across projects, read from that
/// project's <c>report.json</c>. Nothing here is recomputed; every value is the audit's own.
/// </summary>
public sealed record PortfolioEntry
{
    /// <summary>The report file, as given on the command line (or found under a folder given).</summary>
    public required string File { get; init; }

    /// <summary>The project's name: the repository folder's name, and the project's folder within it when it is not the root.</summary>
    public required string Project { get; init; }

    public string? Repository { get; init; }

    /// <summary>The project folder relative to the repository root ("." for the root), or null without a repository.</summary>
    public string? PathInRepository { get; init; }

    public string? Branch { get; init; }

    public string? Commit { get; init; }

    public bool Dirty { get; init; }

    public required DateTimeOffset GeneratedAt { get; init; }

    public required string ToolVersion { get; init; }

    public required int Level { get; init; }

    public required string LevelName { get; init; }

    /// <summary>The level above the attained one, or null at level 4.</summary>
    public int? NextLevel { get; init; }

    /// <summary>The rules that keep the project from the next level (the report's <c>maturity.levels[].blocking</c>).</summary>
    public IReadOnlyList<string> Blockers { get; init; } = [];

    /// <summary>Required rules that fail (or err) and are not waived, at any level.</summary>
    public IReadOnlyList<string> FailingRequired { get; init; } = [];

    public int Failing { get; init; }

    public int Passed { get; init; }

    public int Unknown { get; init; }

    /// <summary>The trace of each serving version (a stage Production or a serving alias), worst verdict first.</summary>
    public IReadOnlyList<ServingVersion> Serving { get; init; } = [];

    /// <summary>The tracking store's kind (file, sqlite, rest, …), or null when none was found.</summary>
    public string? StoreKind { get; init; }

    public string? StoreState { get; init; }

    public IReadOnlyList<CategoryScore> Categories { get; init; } = [];

    /// <summary>Titles of the rules this report names, by id, for the portfolio's rule table.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyDictionary<string, RuleHeading> Rules { get; init; } = new Dictionary<string, RuleHeading>();

    /// <summary>Older than the portfolio's staleness limit when it was merged.</summary>
    public bool Stale { get; init; }

    public double AgeDays { get; init; }
}

public sealed record ServingVersion(string Model, int Version, string Verdict);

public sealed record CategoryScore(string Category, int? Score, int Passed, int Failed, int Unknown, int NotApplicable);

public sealed record RuleHeading(string Title, int Level, string Category, string Severity, bool Required);
