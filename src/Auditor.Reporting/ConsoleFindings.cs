using System.Globalization;
using Auditor.Core.Reporting;
using Auditor.Core.Rules;
using static Auditor.Reporting.ConsoleReportWriter;

namespace Auditor.Reporting;

/// <summary>
/// The console's findings, one line each (the rule's sentence): failing first by level and severity, then waived, then
/// unknown with the reason (those waiting for an attestation on one line), then the passes (counted, or listed when
/// verbose, with each finding's title and fact expression).
/// </summary>
internal static class ConsoleFindings
{
    public static void Write(AuditReport report, ConsoleLines lines, ConsoleReportOptions options)
    {
        var findings = report.Findings;
        var failing = findings.Where(f => f.IsFailing()).ToList();
        if (failing.Count > 0)
        {
            lines.Line();
            lines.Line($"[bold]Failing ({failing.Count})[/]");
            foreach (var level in failing.GroupBy(f => f.Level).OrderBy(g => g.Key))
            {
                var name = report.Maturity.Levels.FirstOrDefault(l => l.Level == level.Key)?.Name ?? "";
                lines.Line($"  Level {level.Key} {Esc(name)}");
                foreach (var finding in level.OrderByDescending(f => f.Severity).ThenBy(f => f.RuleId, StringComparer.Ordinal))
                {
                    Finding(finding, Severity(finding), lines, options, report.Subject);
                }
            }
        }

        Section("Waived", findings.Where(f => f.IsWaived), f => Severity(f), lines, options, report.Subject);
        var unknown = findings.Where(f => f.Outcome == Outcome.Unknown && !f.IsWaived).ToList();
        var unattested = options.Verbose ? [] : unknown.Where(f => f.Expression.EndsWith(AttestationCondition.Reason, StringComparison.Ordinal)).ToList();
        if (unknown.Count > 0)
        {
            lines.Line();
            lines.Line($"[bold]Unknown ({unknown.Count})[/]");
            Listed(unknown.Except(unattested), f => Severity(f), lines, options, report.Subject);
            if (unattested.Count > 0)
            {
                lines.Line($"    {unattested.Count} need a person's answer (run 'mlaudit assess'): {Esc(string.Join(", ", unattested.OrderBy(f => f.RuleId, StringComparer.Ordinal).Select(f => f.RuleId)))}");
            }
        }

        var passed = findings.Where(f => f.Outcome == Outcome.Pass).ToList();
        var notApplicable = findings.Where(f => f.Outcome == Outcome.NotApplicable).ToList();
        if (options.Verbose)
        {
            Section("Passed", passed, _ => "[green]pass    [/]", lines, options, report.Subject);
            Section("Not applicable", notApplicable, _ => "n/a     ", lines, options, report.Subject);
            Categories(report, lines);
            lines.Line();
            return;
        }

        var attested = passed.Count(f => f.Basis == Basis.Attested);
        lines.Line();
        lines.Line($"[green]{passed.Count} passed[/]{(attested > 0 ? $" ({attested} attested)" : "")}, {notApplicable.Count} not applicable (--verbose lists them)");
        lines.Line();
    }

    private static void Section(string title, IEnumerable<Finding> findings, Func<Finding, string> mark, ConsoleLines lines, ConsoleReportOptions options, ReportSubject subject)
    {
        var list = findings.ToList();
        if (list.Count == 0)
        {
            return;
        }

        lines.Line();
        lines.Line($"[bold]{title} ({list.Count})[/]");
        Listed(list, mark, lines, options, subject);
    }

    private static void Listed(IEnumerable<Finding> findings, Func<Finding, string> mark, ConsoleLines lines, ConsoleReportOptions options, ReportSubject subject)
    {
        foreach (var finding in findings.OrderBy(f => f.Level).ThenBy(f => f.RuleId, StringComparer.Ordinal))
        {
            Finding(finding, mark(finding), lines, options, subject);
        }
    }

    private static void Finding(Finding finding, string mark, ConsoleLines lines, ConsoleReportOptions options, ReportSubject subject)
    {
        var outcome = finding.Outcome == Outcome.Error ? "[red]error:[/] " : "";
        lines.Line($"    {mark} {Esc(finding.RuleId)}  {outcome}{Esc(ProjectPath.InText(finding.Message, subject))}{Marks(finding)}");
        if (!options.Verbose)
        {
            return;
        }

        lines.Line($"    {"",8} {"",8}  L{finding.Level} {Esc(finding.Title)}");
        if (finding.Expression.Length > 0 && finding.Expression != finding.Message)
        {
            lines.Line($"    {"",8} {"",8}  [dim]{Esc(ProjectPath.InText(finding.Expression, subject))}[/]");
        }
    }

    /// <summary>Waived and attested findings say so, with who and until when.</summary>
    private static string Marks(Finding finding)
    {
        var marks = new List<string>();
        if (finding.Waiver is { } waiver && finding.IsWaived)
        {
            marks.Add(string.Create(CultureInfo.InvariantCulture, $"waived ({Labels.Of(waiver.Reason)}) by {waiver.Owner} until {waiver.Expires:yyyy-MM-dd}"));
        }

        if (finding.Basis == Basis.Attested && finding.Attestation is { } attestation)
        {
            marks.Add(string.Create(CultureInfo.InvariantCulture, $"attested by {attestation.Owner} until {attestation.Expires:yyyy-MM-dd}"));
        }

        return marks.Count == 0 ? "" : $"  [cyan][[{Esc(string.Join("; ", marks))}]][/]";
    }

    /// <summary>The severity, padded, in its colour.</summary>
    private static string Severity(Finding finding)
    {
        var label = Labels.Of(finding.Severity).ToUpperInvariant();
        var style = finding.Severity switch
        {
            Core.Rules.Severity.Critical => "bold red",
            Core.Rules.Severity.High => "red",
            Core.Rules.Severity.Medium => "yellow",
            Core.Rules.Severity.Low => "blue",
            _ => "dim",
        };
        return $"[{style}]{label,-8}[/]";
    }

    private static void Categories(AuditReport report, ConsoleLines lines)
    {
        if (report.Categories.Count == 0)
        {
            return;
        }

        lines.Line();
        lines.Line($"  {"category",-24} {"score",5}  passed failed unknown n/a");
        foreach (var c in report.Categories)
        {
            var score = c.Score is { } s ? $"{s}%" : "-";
            lines.Line($"  {Esc(CategoryLabels.Of(c.Category)),-24} {score,5}  {c.Passed,6} {c.Failed,6} {c.Unknown,7} {c.NotApplicable,3}");
        }
    }
}
