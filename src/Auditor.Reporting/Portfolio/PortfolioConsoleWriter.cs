namespace Auditor.Reporting.Portfolio;

/// <summary>The portfolio in the terminal: the distribution, what blocks most projects, the lowest projects; under one screen.</summary>
public static class PortfolioConsoleWriter
{
    public const int ProjectLines = 10;

    public const int RuleLines = 5;

    public static void Write(PortfolioReport portfolio, TextWriter output)
    {
        var median = PortfolioText.MedianLevel(portfolio);
        output.WriteLine($"mlaudit portfolio: {PortfolioText.Plural(portfolio.Projects.Count, "project", "projects")}"
                         + (median is null ? "" : $", median level {median}")
                         + $", {portfolio.Stale} stale (> {portfolio.StaleAfterDays} days)"
                         + $", {PortfolioText.Plural(portfolio.Problems.Count, "problem", "problems")}");
        var widest = Math.Max(1, portfolio.Levels.Max(l => l.Projects));
        foreach (var level in portfolio.Levels)
        {
            var bar = new string('#', (int)Math.Ceiling(30.0 * level.Projects / widest));
            output.WriteLine($"  L{level.Level} {level.Name,-31} {level.Projects,6}  {bar}");
        }

        if (portfolio.Rules.Count > 0)
        {
            output.WriteLine("Blocking most projects:");
            foreach (var rule in portfolio.Rules.Take(RuleLines))
            {
                output.WriteLine($"  {rule.RuleId}  blocks {rule.BlockedProjects,5}, fails in {rule.FailingProjects,5}  {rule.Title}");
            }
        }

        if (portfolio.Projects.Count > 0)
        {
            output.WriteLine(portfolio.Projects.Count > ProjectLines ? $"Lowest {ProjectLines} projects:" : "Projects:");
            foreach (var p in portfolio.Projects.Take(ProjectLines))
            {
                output.WriteLine($"  L{p.Level}  {p.Project}  blocked by {PortfolioText.Blockers(p)}; {PortfolioText.Serving(p)}; {PortfolioText.Audited(p)}");
            }
        }

        if (portfolio.Unattributed is { Runs: > 0 } unattributed)
        {
            output.WriteLine($"{PortfolioText.Plural(unattributed.Runs, "run belongs", "runs belong")} to no project: {string.Join(", ", unattributed.Listed.Take(RuleLines))}{(unattributed.Runs > RuleLines ? ", …" : "")}");
        }

        foreach (var problem in portfolio.Problems.Take(RuleLines))
        {
            output.WriteLine($"  problem: {problem}");
        }

        if (portfolio.Problems.Count > RuleLines)
        {
            output.WriteLine($"  … and {portfolio.Problems.Count - RuleLines} more problems (see portfolio.json)");
        }
    }
}
