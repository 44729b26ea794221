using System.Text;

namespace Auditor.Reporting.Portfolio;

/// <summary>
/// The portfolio for a job summary or a wiki page: levels, the rules blocking most projects, a row per project (the
/// lowest levels first, capped so 5,000 projects stay within GitHub's 1 MiB summary), categories and the trend. Every
/// value from a report is escaped (<see cref="MarkdownText"/>).
/// </summary>
public static class PortfolioMarkdownWriter
{
    public const int MaxProjectRows = 500;

    public const int MaxRuleRows = 15;

    public const int MaxProblemRows = 50;

    public static string Render(PortfolioReport portfolio, string? rulesDocument = null)
    {
        var md = new StringBuilder();
        var median = PortfolioText.MedianLevel(portfolio);
        md.AppendLine("# MLOps maturity portfolio").AppendLine();
        md.Append($"**{PortfolioText.Plural(portfolio.Projects.Count, "project", "projects")}**");
        if (median is not null)
        {
            md.Append($" · median level **{median}**");
        }

        md.Append($" · {portfolio.Stale} stale (audited more than {portfolio.StaleAfterDays} days ago)");
        md.AppendLine($" · {PortfolioText.Plural(portfolio.Problems.Count, "problem", "problems")}").AppendLine();

        md.AppendLine("## Levels").AppendLine();
        md.AppendLine("| Level | Projects | Share |").AppendLine("|---|---:|---:|");
        foreach (var level in portfolio.Levels)
        {
            md.AppendLine($"| {level.Level} {MarkdownText.Escape(level.Name)} | {level.Projects} | {Share(level.Projects, portfolio.Projects.Count)} |");
        }

        md.AppendLine();
        if (portfolio.Rules.Count > 0)
        {
            md.AppendLine("## What blocks most projects").AppendLine();
            md.AppendLine("| Rule | Level | Severity | Blocks the next level of | Fails in |").AppendLine("|---|---:|---|---:|---:|");
            foreach (var rule in portfolio.Rules.Take(MaxRuleRows))
            {
                var id = rulesDocument is null ? MarkdownText.Code(rule.RuleId) : $"[{MarkdownText.Escape(rule.RuleId)}]({rulesDocument}#{rule.RuleId.ToLowerInvariant()})";
                md.AppendLine($"| {id} {MarkdownText.Escape(rule.Title)} | {rule.Level} | {MarkdownText.Escape(rule.Severity)} | {rule.BlockedProjects} | {rule.FailingProjects} |");
            }

            if (portfolio.Rules.Count > MaxRuleRows)
            {
                md.AppendLine().AppendLine($"{portfolio.Rules.Count - MaxRuleRows} more rules fail in some project (see portfolio.json).");
            }

            md.AppendLine();
        }

        md.AppendLine("## Projects").AppendLine();
        md.AppendLine("| Project | Level | Blocked by | Failing required | Serving version | Store | Audited | Commit |").AppendLine("|---|---:|---|---|---|---|---|---|");
        foreach (var p in portfolio.Projects.Take(MaxProjectRows))
        {
            md.AppendLine($"| {MarkdownText.Escape(p.Project)} | {p.Level} | {MarkdownText.Escape(PortfolioText.Blockers(p))} | {MarkdownText.Escape(p.FailingRequired.Count == 0 ? "-" : string.Join(" ", p.FailingRequired))} | "
                          + $"{MarkdownText.Escape(PortfolioText.Serving(p))} | {MarkdownText.Escape(PortfolioText.Store(p))} | {MarkdownText.Escape(PortfolioText.Audited(p))} | {MarkdownText.Code(PortfolioText.Commit(p))} |");
        }

        if (portfolio.Projects.Count > MaxProjectRows)
        {
            md.AppendLine().AppendLine($"The {MaxProjectRows} lowest of {portfolio.Projects.Count} projects are shown; portfolio.json and portfolio.html list all.");
        }

        md.AppendLine();
        md.AppendLine("## Categories").AppendLine();
        md.AppendLine("| Category | Median score | Lowest | Projects scored | Without evidence | Failing somewhere |").AppendLine("|---|---:|---:|---:|---:|---:|");
        foreach (var c in portfolio.Categories)
        {
            md.AppendLine($"| {MarkdownText.Escape(c.Label)} | {Score(c.Median)} | {Score(c.Lowest)} | {c.Scored} | {c.NotScored} | {c.Failed} |");
        }

        if (portfolio.Trend is { } trend)
        {
            md.AppendLine().AppendLine($"## Since {trend.PreviousGeneratedAt.UtcDateTime:yyyy-MM-dd}").AppendLine();
            md.AppendLine($"{PortfolioText.Plural(trend.Improved.Count, "project", "projects")} rose, {trend.Regressed.Count} fell, {trend.Added.Count} new, {trend.Removed.Count} no longer reported.").AppendLine();
            foreach (var change in trend.Regressed.Concat(trend.Improved).Take(MaxRuleRows))
            {
                md.AppendLine($"- {MarkdownText.Escape(change.Project)}: level {change.From} → {change.To}");
            }
        }

        if (portfolio.Unattributed is { Runs: > 0 } unattributed)
        {
            md.AppendLine().AppendLine($"**{PortfolioText.Plural(unattributed.Runs, "run belongs", "runs belong")} to no project**: {MarkdownText.Escape(string.Join(", ", unattributed.Listed))}{(unattributed.Runs > unattributed.Listed.Count ? ", …" : "")}");
        }

        if (portfolio.Problems.Count > 0)
        {
            md.AppendLine().AppendLine("<details><summary>Problems</summary>").AppendLine();
            foreach (var problem in portfolio.Problems.Take(MaxProblemRows))
            {
                md.AppendLine($"- {MarkdownText.Escape(problem)}");
            }

            if (portfolio.Problems.Count > MaxProblemRows)
            {
                md.AppendLine($"- … and {portfolio.Problems.Count - MaxProblemRows} more (see portfolio.json)");
            }

            md.AppendLine().AppendLine("</details>");
        }

        return md.ToString();
    }

    private static string Share(int n, int total) => total == 0 ? "-" : $"{Math.Round(100.0 * n / total):0}%";

    private static string Score(int? score) => score is null ? "not enough evidence" : $"{score}%";
}
