using System.Globalization;
using System.Text;
using Auditor.Core.Reporting;
using Auditor.Core.Rules;
using Auditor.Core.Scoring;

namespace Auditor.Reporting;

/// <summary>
/// The Markdown report's findings: what blocks the next level, the other failing findings (most severe first), how to
/// fix them, the unknown ones with the reason, waived and attested ones, and the passes, collapsed. Every table is
/// capped at <see cref="MarkdownOptions.RowCap"/> rows with the number left out.
/// </summary>
internal static class MarkdownFindings
{
    public static void Append(StringBuilder md, AuditReport report, MarkdownOptions options)
    {
        var failing = Ordered(report.Findings.Where(f => f.IsFailing())).ToList();
        var next = report.Maturity.Levels.Where(l => l.Level > report.Maturity.Level).OrderBy(l => l.Level).FirstOrDefault();
        var blocking = next is null ? [] : Ordered(report.Findings.Where(f => next.Blocking.Contains(f.RuleId) && !f.IsWaived)).ToList();
        if (next is not null && blocking.Count > 0)
        {
            md.Append(CultureInfo.InvariantCulture, $"### What blocks level {next.Level} ({MarkdownText.Escape(next.Name)}): {blocking.Count} rule(s)\n\n");
            Table(md, blocking, report.Subject, options, "blocking rules");
        }

        var others = failing.Except(blocking).ToList();
        if (others.Count > 0)
        {
            md.Append(CultureInfo.InvariantCulture, $"### {(blocking.Count > 0 ? "Other failing findings" : "Failing findings")} ({others.Count})\n\n");
            Table(md, others, report.Subject, options, "failing findings");
        }

        Remediation(md, blocking.Concat(others).Where(f => f.Outcome != Outcome.Pass).ToList(), options);
        var unknown = Ordered(report.Findings.Where(f => f.Outcome == Outcome.Unknown && !f.IsWaived)).ToList();
        if (unknown.Count > 0)
        {
            md.Append(CultureInfo.InvariantCulture, $"<details><summary>Unknown: {unknown.Count} rule(s) could not be checked</summary>\n\n");
            Table(md, unknown, report.Subject, options, "unknown findings");
            md.Append("</details>\n\n");
        }

        Waived(md, report.Findings.Where(f => f.IsWaived).ToList(), options);
        Attested(md, report.Findings.Where(f => f.Basis == Basis.Attested).ToList(), options);
        var passed = report.Findings.Where(f => f.Outcome is Outcome.Pass).OrderBy(f => f.Level).ThenBy(f => f.RuleId, StringComparer.Ordinal).ToList();
        var notApplicable = report.Findings.Where(f => f.Outcome is Outcome.NotApplicable).OrderBy(f => f.Level).ThenBy(f => f.RuleId, StringComparer.Ordinal).ToList();
        if (passed.Count + notApplicable.Count > 0)
        {
            md.Append(CultureInfo.InvariantCulture, $"<details><summary>Passed: {passed.Count} rule(s); not applicable: {notApplicable.Count}</summary>\n\n");
            Table(md, [.. passed, .. notApplicable], report.Subject, options, "rules");
            md.Append("</details>\n\n");
        }
    }

    /// <summary>The category table; the score reads "not enough evidence" when fewer than half the rules that apply were evaluated.</summary>
    public static void Categories(StringBuilder md, IReadOnlyList<CategoryScore> categories)
    {
        if (categories.Count == 0)
        {
            return;
        }

        md.Append("### Categories\n\n| Category | Score | Passed | Failed | Unknown | Not applicable |\n|---|---|---|---|---|---|\n");
        foreach (var c in categories)
        {
            var waived = c.Waived > 0 ? $" ({c.Waived} waived)" : "";
            md.Append(CultureInfo.InvariantCulture,
                $"| {MarkdownText.Cell(CategoryLabels.Of(c.Category), 100)} | {CategoryWording.Score(c)} | {c.Passed} | {c.Failed}{waived} | {c.Unknown} | {c.NotApplicable} |\n");
        }

        md.Append('\n');
    }

    /// <summary>Most severe first, then by level and rule id.</summary>
    private static IEnumerable<Finding> Ordered(IEnumerable<Finding> findings) =>
        findings.OrderByDescending(f => f.Severity).ThenBy(f => f.Level).ThenBy(f => f.RuleId, StringComparer.Ordinal);

    private static void Table(StringBuilder md, IReadOnlyList<Finding> findings, ReportSubject subject, MarkdownOptions options, string what)
    {
        md.Append("| Severity | Level | Rule | Finding |\n|---|---|---|---|\n");
        foreach (var f in findings.Take(options.RowCap))
        {
            var outcome = f.Outcome switch
            {
                Outcome.Error => "**error**: ",
                Outcome.NotApplicable when !f.Message.StartsWith("not applicable", StringComparison.OrdinalIgnoreCase) => "not applicable: ",
                _ => "",
            };
            md.Append(CultureInfo.InvariantCulture,
                $"| {Labels.Of(f.Severity)} | {f.Level} | {Rule(f, options)} {MarkdownText.Cell(f.Title, 300)} | {outcome}{MarkdownText.Cell(ProjectPath.InText(f.Message, subject))} |\n");
        }

        md.Append(findings.Count > options.RowCap ? $"\nand {findings.Count - options.RowCap} more {what} in the full report.\n\n" : "\n");
    }

    /// <summary>The rule id, linked to its section of the rule catalogue when the catalogue's address is known.</summary>
    private static string Rule(Finding finding, MarkdownOptions options) => options.RulesDocumentUri is { } catalogue
        ? $"[{MarkdownText.Code(finding.RuleId)}]({catalogue}#{Uri.EscapeDataString(finding.RuleId.ToLowerInvariant())})"
        : MarkdownText.Code(finding.RuleId);

    private static void Remediation(StringBuilder md, IReadOnlyList<Finding> findings, MarkdownOptions options)
    {
        var fixable = findings.Where(f => f.Remediation.Length > 0).ToList();
        if (fixable.Count == 0)
        {
            return;
        }

        md.Append(CultureInfo.InvariantCulture, $"<details><summary>How to fix: {fixable.Count} rule(s)</summary>\n\n");
        foreach (var f in fixable.Take(options.RowCap))
        {
            md.Append(CultureInfo.InvariantCulture, $"**{Rule(f, options)} {MarkdownText.Cell(f.Title, 300)}**\n\n{MarkdownText.Prose(f.Remediation)}\n\n");
        }

        md.Append(fixable.Count > options.RowCap ? $"and {fixable.Count - options.RowCap} more in the full report.\n\n" : "");
        md.Append("</details>\n\n");
    }

    private static void Waived(StringBuilder md, IReadOnlyList<Finding> waived, MarkdownOptions options)
    {
        if (waived.Count == 0)
        {
            return;
        }

        md.Append(CultureInfo.InvariantCulture, $"### Waived: {waived.Count} (accepted for now, still failing)\n\n");
        foreach (var f in waived.Take(options.RowCap))
        {
            md.Append(CultureInfo.InvariantCulture,
                $"- {Rule(f, options)} {MarkdownText.Cell(f.Title, 300)}: {Labels.Of(f.Waiver!.Reason)}, owner {MarkdownText.Cell(f.Waiver.Owner, 200)}, until {f.Waiver.Expires:yyyy-MM-dd}\n");
        }

        md.Append(waived.Count > options.RowCap ? $"\nand {waived.Count - options.RowCap} more waived findings in the full report.\n\n" : "\n");
    }

    private static void Attested(StringBuilder md, IReadOnlyList<Finding> attested, MarkdownOptions options)
    {
        if (attested.Count == 0)
        {
            return;
        }

        md.Append(CultureInfo.InvariantCulture, $"### Attested: {attested.Count} (a person's answer, not verified)\n\n");
        foreach (var f in attested.Take(options.RowCap))
        {
            md.Append(CultureInfo.InvariantCulture,
                $"- {Rule(f, options)} {MarkdownText.Cell(f.Title, 300)}: {Labels.Of(f.Outcome)} by {MarkdownText.Cell(f.Attestation!.Owner, 200)}, until {f.Attestation.Expires:yyyy-MM-dd}\n");
        }

        md.Append(attested.Count > options.RowCap ? $"\nand {attested.Count - options.RowCap} more attested findings in the full report.\n\n" : "\n");
    }
}
