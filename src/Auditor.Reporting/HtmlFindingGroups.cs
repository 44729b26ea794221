using Auditor.Core.Reporting;
using Auditor.Core.Rules;

namespace Auditor.Reporting;

/// <summary>
/// The HTML report's findings of one level, for triage: failing first (most severe first), then those that need
/// attention (waived, unknown, and not-applicable key evidence that blocks a level), then the passes and the
/// not-applicable ones, which the report collapses.
/// </summary>
public sealed record HtmlFindingGroups(int Level, string Name, IReadOnlyList<Finding> Failing, IReadOnlyList<Finding> Attention, IReadOnlyList<Finding> Passed)
{
    /// <summary>Every finding in the order shown: failing, attention, then the collapsed ones from <see cref="VisibleCount"/> on.</summary>
    public IReadOnlyList<Finding> Ordered => [.. Failing, .. Attention, .. Passed];

    /// <summary>How many findings are shown before the collapsed passes.</summary>
    public int VisibleCount => Failing.Count + Attention.Count;

    public int PassCount => Passed.Count(f => f.Outcome == Outcome.Pass);

    public int NotApplicableCount => Passed.Count(f => f.Outcome == Outcome.NotApplicable);

    public static IReadOnlyList<HtmlFindingGroups> Of(AuditReport report)
    {
        var blocking = report.Maturity.Levels.SelectMany(l => l.Blocking).ToHashSet(StringComparer.Ordinal);
        return report.Findings.GroupBy(f => f.Level).OrderBy(g => g.Key).Select(g =>
        {
            var failing = g.Where(f => f.IsFailing()).ToList();
            var passed = g.Where(f => f.Outcome == Outcome.Pass || (f.Outcome == Outcome.NotApplicable && !blocking.Contains(f.RuleId) && !f.IsWaived)).ToList();
            var attention = g.Except(failing).Except(passed).ToList();
            return new HtmlFindingGroups(
                g.Key,
                report.Maturity.Levels.FirstOrDefault(l => l.Level == g.Key)?.Name ?? "",
                BySeverity(failing),
                BySeverity(attention),
                [.. passed.OrderBy(f => f.Outcome).ThenBy(f => f.RuleId, StringComparer.Ordinal)]);
        }).ToList();
    }

    /// <summary>The CSS class that the outcome filter keys on: failing, waived, unknown, pass or not-applicable.</summary>
    public static string FilterClass(Finding finding) => finding switch
    {
        _ when finding.IsFailing() => "failing",
        { IsWaived: true } => "waived",
        _ => Labels.Of(finding.Outcome),
    };

    private static List<Finding> BySeverity(IEnumerable<Finding> findings) =>
        [.. findings.OrderByDescending(f => f.Severity).ThenBy(f => f.RuleId, StringComparer.Ordinal)];
}
