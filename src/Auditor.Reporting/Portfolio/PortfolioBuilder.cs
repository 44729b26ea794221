namespace Auditor.Reporting.Portfolio;

/// <summary>Merges the projects' rows into the portfolio: the same project audited twice counts once, by its newest report.</summary>
public static class PortfolioBuilder
{
    private static readonly string[] LevelNames = ["No MLOps", "DevOps but no MLOps", "Automated training", "Automated model deployment", "Full MLOps automated operations"];

    public static PortfolioReport Build(
        PortfolioReader.Result read,
        PortfolioTool tool,
        DateTimeOffset now,
        int staleAfterDays,
        PortfolioReport? previous = null)
    {
        var problems = read.Problems.ToList();
        var projects = new List<PortfolioEntry>();
        foreach (var group in read.Entries.GroupBy(e => e.Project, StringComparer.Ordinal))
        {
            var newest = group.OrderByDescending(e => e.GeneratedAt).ThenBy(e => e.File, StringComparer.Ordinal).ToList();
            projects.Add(newest[0]);
            problems.AddRange(newest.Skip(1).Select(e => $"{e.File}: an older report of {e.Project} than {newest[0].File}; left out"));
        }

        projects = projects
            .Select(p =>
            {
                var age = Math.Max(0, (now - p.GeneratedAt).TotalDays);
                return p with { AgeDays = Math.Round(age, 1), Stale = age > staleAfterDays };
            })
            .OrderBy(p => p.Level).ThenBy(p => p.Project, StringComparer.Ordinal)
            .ToList();

        var levels = Levels(projects);
        return new PortfolioReport
        {
            Tool = tool,
            GeneratedAt = now,
            StaleAfterDays = staleAfterDays,
            ReportsFound = read.FilesFound,
            Levels = levels,
            Projects = projects,
            Rules = Rules(projects),
            Categories = Categories(projects),
            Trend = previous is null ? null : Trend(previous, projects),
            Problems = problems,
        };
    }

    private static List<LevelCount> Levels(IReadOnlyList<PortfolioEntry> projects) =>
        Enumerable.Range(0, LevelNames.Length)
            .Select(level => new LevelCount(
                level,
                projects.FirstOrDefault(p => p.Level == level)?.LevelName ?? LevelNames[level],
                projects.Count(p => p.Level == level)))
            .ToList();

    private static List<RuleAcrossProjects> Rules(IReadOnlyList<PortfolioEntry> projects)
    {
        var blocked = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var failing = new Dictionary<string, int>(StringComparer.Ordinal);
        var headings = new Dictionary<string, RuleHeading>(StringComparer.Ordinal);
        foreach (var project in projects)
        {
            foreach (var id in project.Blockers)
            {
                (blocked.TryGetValue(id, out var list) ? list : blocked[id] = []).Add(project.Project);
            }

            foreach (var id in project.FailingRequired.Union(project.Blockers, StringComparer.Ordinal))
            {
                failing[id] = failing.GetValueOrDefault(id) + 1;
            }

            foreach (var (id, heading) in project.Rules)
            {
                headings.TryAdd(id, heading);
            }
        }

        return failing.Keys
            .Select(id =>
            {
                var heading = headings.GetValueOrDefault(id) ?? new RuleHeading(id, 0, "", "", false);
                var who = blocked.GetValueOrDefault(id) ?? [];
                return new RuleAcrossProjects(id, heading.Title, heading.Level, heading.Category, heading.Severity, heading.Required, who.Count, failing[id], who);
            })
            .OrderByDescending(r => r.BlockedProjects).ThenByDescending(r => r.FailingProjects).ThenBy(r => r.Level).ThenBy(r => r.RuleId, StringComparer.Ordinal)
            .ToList();
    }

    private static List<CategoryAcrossProjects> Categories(IReadOnlyList<PortfolioEntry> projects) =>
        projects.SelectMany(p => p.Categories)
            .GroupBy(c => c.Category, StringComparer.Ordinal)
            .Select(g =>
            {
                var scores = g.Where(c => c.Score is not null).Select(c => c.Score!.Value).Order().ToList();
                return new CategoryAcrossProjects(
                    g.Key,
                    CategoryLabels.Of(g.Key),
                    scores.Count,
                    g.Count() - scores.Count,
                    scores.Count == 0 ? null : Median(scores),
                    scores.Count == 0 ? null : scores[0],
                    g.Count(c => c.Failed > 0));
            })
            .OrderBy(c => c.Median ?? int.MaxValue).ThenBy(c => c.Category, StringComparer.Ordinal)
            .ToList();

    /// <summary>The lower median, so the figure is always a score some project has.</summary>
    private static int Median(List<int> sorted) => sorted[(sorted.Count - 1) / 2];

    private static PortfolioTrend Trend(PortfolioReport previous, IReadOnlyList<PortfolioEntry> projects)
    {
        var before = previous.Projects.GroupBy(p => p.Project, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Level, StringComparer.Ordinal);
        var now = projects.ToDictionary(p => p.Project, p => p.Level, StringComparer.Ordinal);
        var changes = projects.Where(p => before.TryGetValue(p.Project, out var was) && was != p.Level)
            .Select(p => new LevelChange(p.Project, before[p.Project], p.Level)).ToList();
        return new PortfolioTrend(
            previous.GeneratedAt,
            previous.Levels,
            changes.Where(c => c.To > c.From).OrderByDescending(c => c.To - c.From).ThenBy(c => c.Project, StringComparer.Ordinal).ToList(),
            changes.Where(c => c.To < c.From).OrderByDescending(c => c.From - c.To).ThenBy(c => c.Project, StringComparer.Ordinal).ToList(),
            projects.Where(p => !before.ContainsKey(p.Project)).Select(p => p.Project).ToList(),
            before.Keys.Where(k => !now.ContainsKey(k)).Order(StringComparer.Ordinal).ToList());
    }
}
