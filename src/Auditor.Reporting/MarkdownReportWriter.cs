using System.Globalization;
using System.Text;
using Auditor.Core.Reporting;
using Auditor.Core.Rules;

namespace Auditor.Reporting;

/// <summary>
/// A short Markdown summary for pull-request comments and <c>$GITHUB_STEP_SUMMARY</c>: the level, the ladder (a level
/// above the attained one is never called reached), what blocks the next one, the other failing findings, and the trace verdicts once the trace is filled. Project values are escaped.
/// </summary>
public static class MarkdownReportWriter
{
    /// <summary>The store line, project values in code spans; other stores found follow it.</summary>
    private static string Tracking(TrackingSummary tracking) =>
        (tracking.Uri is null ? MarkdownText.Escape(TrackingText.Line(tracking)) : $"{MarkdownText.Code(tracking.Uri)} ({MarkdownText.Escape(TrackingText.Source(tracking.Source))}, {MarkdownText.Escape(TrackingText.State(tracking.State))})")
        + string.Concat(tracking.OtherStores.Select(o => $"; also found {MarkdownText.Code(o.Uri)} ({o.Runs} runs, not audited)"));

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
        md.Append(CultureInfo.InvariantCulture, $"Tracking store: {Tracking(report.Subject.Tracking)}\n\n");

        var failing = report.Findings.Where(f => f.IsFailing()).ToList();
        md.Append(CultureInfo.InvariantCulture,
            $"**{report.Findings.Count(f => f.Outcome == Outcome.Pass)} passed, {failing.Count} failing, {report.Findings.Count(f => f.Outcome == Outcome.Unknown)} unknown, " +
            $"{report.Findings.Count(f => f.Outcome == Outcome.NotApplicable)} not applicable** of {report.Findings.Count} rules.\n\n");

        md.Append("| Level | Status | Blocked by |\n|---|---|---|\n");
        foreach (var level in maturity.Levels)
        {
            var by = level.Blocking.Count == 0 ? "" : string.Join(", ", level.Blocking.Select(MarkdownText.Code));
            md.Append(CultureInfo.InvariantCulture, $"| {level.Level} {MarkdownText.Escape(level.Name)} | {LevelWording.Of(level, maturity.Level)} | {by} |\n");
        }

        md.Append('\n');
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

        var waived = report.Findings.Where(f => f.IsWaived).ToList();
        if (waived.Count > 0)
        {
            md.Append("### Waived (accepted for now, still failing)\n\n");
            foreach (var f in waived)
            {
                md.Append(CultureInfo.InvariantCulture,
                    $"- {MarkdownText.Code(f.RuleId)} {MarkdownText.Escape(f.Title)}: {Labels.Of(f.Waiver!.Reason)}, owner {MarkdownText.Escape(f.Waiver.Owner)}, until {f.Waiver.Expires:yyyy-MM-dd}\n");
            }

            md.Append('\n');
        }

        var attested = report.Findings.Where(f => f.Basis == Basis.Attested).ToList();
        if (attested.Count > 0)
        {
            md.Append("### Attested (a person's answer, not verified)\n\n");
            foreach (var f in attested)
            {
                md.Append(CultureInfo.InvariantCulture,
                    $"- {MarkdownText.Code(f.RuleId)} {MarkdownText.Escape(f.Title)}: {Labels.Of(f.Outcome)} by {MarkdownText.Escape(f.Attestation!.Owner)}, until {f.Attestation.Expires:yyyy-MM-dd}\n");
            }

            md.Append('\n');
        }

        Policy(md, report.Policy);

        if (report.Trace.Count > 0)
        {
            md.Append("### Reproducibility trace\n\n| Model version | Verdict | Gaps |\n|---|---|---|\n");
            foreach (var t in report.Trace.Take(20))
            {
                var gaps = t.Gaps.Count == 0 ? "none" : string.Join("; ", t.Gaps.Take(3)) + (t.Gaps.Count > 3 ? $"; and {t.Gaps.Count - 3} more" : "");
                md.Append(CultureInfo.InvariantCulture, $"| {MarkdownText.Code($"{t.Model} v{t.Version}")} {MarkdownText.Escape(t.Stage)} | {Labels.Of(t.Verdict)} | {MarkdownText.Escape(gaps)} |\n");
            }

            md.Append(report.Trace.Count > 20 ? $"\n{report.Trace.Count - 20} more versions in the full report.\n\n" : "\n");
        }

        MarkdownGenAiSection.Append(md, report.Inventory.GenAi);

        if (report.Problems.Count > 0)
        {
            md.Append(CultureInfo.InvariantCulture, $"{report.Problems.Count} item(s) could not be read; see the full report.\n");
        }

        return md.ToString();
    }

    /// <summary>Every weakening the project's configuration asked for, allowed or refused by the operator's policy.</summary>
    private static void Policy(StringBuilder md, PolicySummary policy)
    {
        if (policy.Allowed.Count + policy.Refused.Count == 0)
        {
            return;
        }

        var from = policy.File is null ? "the default policy" : $"the operator's policy {MarkdownText.Code(policy.File)} ({MarkdownText.Escape(policy.Source)})";
        md.Append(CultureInfo.InvariantCulture, $"### Policy: {policy.Allowed.Count} weakening(s) allowed, {policy.Refused.Count} refused\n\nDecided by {from}.\n\n| Decision | Kind | Of | Detail |\n|---|---|---|---|\n");
        foreach (var (state, d) in policy.Allowed.Select(d => ("allowed", d)).Concat(policy.Refused.Select(d => ("refused", d))))
        {
            md.Append(CultureInfo.InvariantCulture, $"| {state} | {Labels.Of(d.Kind)} | {MarkdownText.Code(d.Subject)} | {MarkdownText.Escape(d.Detail)} |\n");
        }

        md.Append('\n');
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
