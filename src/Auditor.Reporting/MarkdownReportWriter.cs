using System.Globalization;
using System.Text;
using Auditor.Core.Reporting;
using Auditor.Core.Rules;

namespace Auditor.Reporting;

/// <summary>
/// A short Markdown summary for pull-request comments and <c>$GITHUB_STEP_SUMMARY</c>: a summary line (level, gate),
/// the ladder (a level above the attained one is never called reached), what blocks the next level, the failing
/// findings by severity with their sentence and a link to the rule's documentation, remediation and passes collapsed
/// in <c>&lt;details&gt;</c>, the category table, and the trace verdicts once the trace is filled. Project values are
/// escaped; every list is capped with its total, so the summary stays far below GitHub's 1 MiB limit.
/// </summary>
public static class MarkdownReportWriter
{
    /// <summary>The store line, project values in code spans; other stores found follow it.</summary>
    private static string Tracking(TrackingSummary tracking) =>
        (tracking.Uri is null ? MarkdownText.Escape(TrackingText.Line(tracking)) : $"{MarkdownText.Code(tracking.Uri)} ({MarkdownText.Escape(TrackingText.Source(tracking.Source))}, {MarkdownText.Escape(TrackingText.State(tracking.State))})")
        + string.Concat(tracking.OtherStores.Take(10).Select(o => $"; also found {MarkdownText.Code(o.Uri)} ({o.Runs} runs, not audited)"))
        + (tracking.OtherStores.Count > 10 ? $"; and {tracking.OtherStores.Count - 10} more stores" : "");

    public static string Serialize(AuditReport report) => Serialize(report, new MarkdownOptions());

    public static string Serialize(AuditReport report, MarkdownOptions options)
    {
        var md = new StringBuilder();
        var maturity = report.Maturity;
        var levelName = maturity.Levels.FirstOrDefault(l => l.Level == maturity.Level)?.Name ?? "";
        md.Append(CultureInfo.InvariantCulture, $"## mlaudit: maturity level {maturity.Level} - {MarkdownText.Escape(levelName)}\n\n");
        var failing = report.Findings.Where(f => f.IsFailing()).ToList();
        md.Append(CultureInfo.InvariantCulture, $"**Level {maturity.Level}** · {Gate(options.Gate)} · ");
        md.Append(CultureInfo.InvariantCulture,
            $"**{failing.Count} failing**, {report.Findings.Count(f => f.Outcome == Outcome.Unknown && !f.IsWaived)} unknown, {report.Findings.Count(f => f.Outcome == Outcome.Pass)} passed, " +
            $"{report.Findings.Count(f => f.Outcome == Outcome.NotApplicable)} not applicable of {report.Findings.Count} rules\n\n");
        md.Append(CultureInfo.InvariantCulture, $"Project {MarkdownText.Code(ProjectPath.Shown(report.Subject))}");
        if (report.Subject.Repository is { } repo)
        {
            md.Append(CultureInfo.InvariantCulture, $" · branch {MarkdownText.Code(repo.Branch ?? "(detached)")} at {MarkdownText.Code(Short(repo.Head))}");
        }

        md.Append(CultureInfo.InvariantCulture, $" · {report.Tool.Name} {report.Tool.Version} · {report.GeneratedAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC\n\n");
        md.Append(CultureInfo.InvariantCulture, $"Tracking store: {Tracking(report.Subject.Tracking)}\n\n");

        md.Append("| Level | Status | Blocked by |\n|---|---|---|\n");
        foreach (var level in maturity.Levels)
        {
            var by = level.Blocking.Count == 0 ? "" : string.Join(", ", level.Blocking.Select(MarkdownText.Code));
            md.Append(CultureInfo.InvariantCulture, $"| {level.Level} {MarkdownText.Escape(level.Name)} | {LevelWording.Of(level, maturity.Level)} | {by} |\n");
        }

        md.Append('\n');
        MarkdownFindings.Append(md, report, options);
        MarkdownFindings.Categories(md, report.Categories);
        Policy(md, report.Policy, options.RowCap);
        Trace(md, report);
        MarkdownGenAiSection.Append(md, report.Inventory.GenAi);

        if (report.ProblemsTotal > 0 || report.Problems.Count > 0)
        {
            md.Append(CultureInfo.InvariantCulture, $"{Math.Max(report.ProblemsTotal, report.Problems.Count)} item(s) could not be read; see the full report.\n");
        }

        return md.ToString();
    }

    /// <summary>The gate's decision for the summary line; its reasons are the auditor's own words (levels, rule ids).</summary>
    private static string Gate(GateOutcome? gate) => gate switch
    {
        null => "no gate set",
        { Passed: true } => "gate **passed**",
        _ => $"gate **failed** ({MarkdownText.Escape(string.Join("; ", gate.Reasons))})",
    };

    private static void Trace(StringBuilder md, AuditReport report)
    {
        if (report.Trace.Count == 0)
        {
            return;
        }

        md.Append("### Reproducibility trace\n\n| Model version | Verdict | Gaps |\n|---|---|---|\n");
        foreach (var t in report.Trace.Take(20))
        {
            var gaps = t.Gaps.Count == 0 ? "none" : string.Join("; ", t.Gaps.Take(3)) + (t.Gaps.Count > 3 ? $"; and {t.Gaps.Count - 3} more" : "");
            md.Append(CultureInfo.InvariantCulture, $"| {MarkdownText.Code($"{t.Model} v{t.Version}")} {MarkdownText.Escape(t.Stage)} | {Labels.Of(t.Verdict)} | {MarkdownText.Cell(gaps)} |\n");
        }

        md.Append(report.Trace.Count > 20 ? $"\n{report.Trace.Count - 20} more versions in the full report.\n\n" : "\n");
    }

    /// <summary>Every weakening the project's configuration asked for, allowed or refused by the operator's policy.</summary>
    private static void Policy(StringBuilder md, PolicySummary policy, int cap)
    {
        var decisions = policy.Allowed.Select(d => ("allowed", d)).Concat(policy.Refused.Select(d => ("refused", d))).ToList();
        if (decisions.Count == 0)
        {
            return;
        }

        var from = policy.File is null ? "the default policy" : $"the operator's policy {MarkdownText.Code(policy.File)} ({MarkdownText.Escape(policy.Source)})";
        md.Append(CultureInfo.InvariantCulture, $"### Policy: {policy.Allowed.Count} weakening(s) allowed, {policy.Refused.Count} refused\n\nDecided by {from}.\n\n| Decision | Kind | Of | Detail |\n|---|---|---|---|\n");
        foreach (var (state, d) in decisions.Take(cap))
        {
            md.Append(CultureInfo.InvariantCulture, $"| {state} | {Labels.Of(d.Kind)} | {MarkdownText.Code(d.Subject)} | {MarkdownText.Cell(d.Detail)} |\n");
        }

        md.Append(decisions.Count > cap ? $"\nand {decisions.Count - cap} more decisions in the full report.\n\n" : "\n");
    }

    private static string Short(string? sha) => sha is { Length: > 12 } ? sha[..12] : sha ?? "(no commits)";
}
