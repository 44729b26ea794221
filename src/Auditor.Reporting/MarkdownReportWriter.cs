using System.Globalization;
using System.Text;
using Auditor.Core.Reporting;
using Auditor.Core.Rules;

namespace Auditor.Reporting;

/// <summary>
/// A short Markdown summary for pull-request comments and <c>$GITHUB_STEP_SUMMARY</c>: the level, what blocks the next
/// one, the other failing findings, and the trace verdicts once the trace is filled. Project values are escaped.
/// </summary>
public static class MarkdownReportWriter
{
    public static string Serialize(AuditReport report)
    {
        var md = new StringBuilder();
        var maturity = report.Maturity;
        var levelName = maturity.Levels.FirstOrDefault(l => l.Level == maturity.Level)?.Name ?? "";
        md.Append(CultureInfo.InvariantCulture, $"## mlaudit: maturity level {maturity.Level} - {MarkdownText.Escape(levelName)}\n\n");
        md.Append(CultureInfo.InvariantCulture, $"Project {MarkdownText.Code(report.Subject.Path)}");
        if (report.Subject.Repository is { } repo)
        {
            md.Append(CultureInfo.InvariantCulture, $" · branch {MarkdownText.Code(repo.Branch ?? "(detached)")} at {MarkdownText.Code(Short(repo.Head))}");
        }

        md.Append(CultureInfo.InvariantCulture, $" · {report.Tool.Name} {report.Tool.Version} · {report.GeneratedAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC\n\n");

        var failing = report.Findings.Where(f => f.IsFailing()).ToList();
        md.Append(CultureInfo.InvariantCulture,
            $"**{report.Findings.Count(f => f.Outcome == Outcome.Pass)} passed, {failing.Count} failing, {report.Findings.Count(f => f.Outcome == Outcome.Unknown)} unknown, " +
            $"{report.Findings.Count(f => f.Outcome == Outcome.NotApplicable)} not applicable** of {report.Findings.Count} rules.\n\n");

        var next = maturity.Levels.Where(l => l.Level > maturity.Level).OrderBy(l => l.Level).FirstOrDefault();
        var blocking = next is null ? [] : report.Findings.Where(f => next.Blocking.Contains(f.RuleId)).ToList();
        if (next is not null && blocking.Count > 0)
        {
            md.Append(CultureInfo.InvariantCulture, $"### Blocking level {next.Level} ({MarkdownText.Escape(next.Name)})\n\n");
            Table(md, blocking);
        }

        var others = failing.Except(blocking).ToList();
        if (others.Count > 0)
        {
            md.Append("### Other failing findings\n\n");
            Table(md, others);
        }

        if (report.Trace.Count > 0)
        {
            md.Append("### Reproducibility trace\n\n");
            foreach (var verdict in report.Trace.GroupBy(t => t.Verdict, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                md.Append(CultureInfo.InvariantCulture, $"- {MarkdownText.Escape(verdict.Key)}: {verdict.Count()}\n");
            }

            md.Append('\n');
        }

        if (report.Problems.Count > 0)
        {
            md.Append(CultureInfo.InvariantCulture, $"{report.Problems.Count} item(s) could not be read; see the full report.\n");
        }

        return md.ToString();
    }

    private static void Table(StringBuilder md, IEnumerable<Finding> findings)
    {
        md.Append("| Rule | Outcome | Severity | Finding |\n|---|---|---|---|\n");
        foreach (var f in findings)
        {
            md.Append(CultureInfo.InvariantCulture,
                $"| {MarkdownText.Code(f.RuleId)} {MarkdownText.Escape(f.Title)} | {Labels.Of(f.Outcome)} | {Labels.Of(f.Severity)} | {MarkdownText.Escape(f.Message)} |\n");
        }

        md.Append('\n');
    }

    private static string Short(string? sha) => sha is { Length: > 12 } ? sha[..12] : sha ?? "(no commits)";
}
