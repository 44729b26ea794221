namespace Auditor.Reporting.Portfolio;

/// <summary>Wording shared by the portfolio's formats.</summary>
internal static class PortfolioText
{
    public static string Serving(PortfolioEntry project) =>
        project.Serving.Count == 0 ? "no serving version" : string.Join(", ", project.Serving.Select(s => $"{s.Model} v{s.Version}: {s.Verdict}"));

    public static string Audited(PortfolioEntry project) =>
        project.GeneratedAt.UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) + (project.Stale ? " (stale)" : "");

    public static string Commit(PortfolioEntry project) => project.Commit is { Length: >= 7 } c ? c[..7] : project.Commit ?? "";

    public static string Store(PortfolioEntry project) => project.StoreKind is null ? "none" : project.StoreState is "read" ? project.StoreKind : $"{project.StoreKind} ({project.StoreState})";

    public static string Blockers(PortfolioEntry project) =>
        project.NextLevel is null ? "(top level)" : project.Blockers.Count == 0 ? "-" : string.Join(" ", project.Blockers);

    /// <summary>The median level: the lower middle project's, so it is a level some project has.</summary>
    public static int? MedianLevel(PortfolioReport portfolio) =>
        portfolio.Projects.Count == 0 ? null : portfolio.Projects.Select(p => p.Level).Order().ElementAt((portfolio.Projects.Count - 1) / 2);

    public static string Plural(int n, string one, string many) => n == 1 ? $"1 {one}" : $"{n} {many}";
}
