using Auditor.Core.Reporting;
using Auditor.Core.Rules;

namespace Auditor.Reporting;

/// <summary>A plain-text summary for the terminal: the level, the ladder, and each finding on one line.</summary>
public static class ConsoleReportWriter
{
    public static void Write(AuditReport report, TextWriter output)
    {
        var levelName = report.Maturity.Levels.FirstOrDefault(l => l.Level == report.Maturity.Level)?.Name ?? "";
        output.WriteLine($"mlaudit {report.Tool.Version}: {TerminalText.Clean(report.Subject.Path)}");
        output.WriteLine($"Tracking store: {TerminalText.Clean(TrackingText.Line(report.Subject.Tracking))}");
        foreach (var other in report.Subject.Tracking.OtherStores)
        {
            output.WriteLine($"  also found: {TerminalText.Clean(TrackingText.Other(other))}");
        }

        output.WriteLine($"Maturity level {report.Maturity.Level} - {levelName}");
        output.WriteLine();
        foreach (var level in report.Maturity.Levels.Where(l => l.Level > 0))
        {
            var blocking = level.Blocking.Count == 0 ? "" : $"  blocked by {string.Join(", ", level.Blocking)}";
            output.WriteLine($"  {LevelWording.Mark(level.Status)} level {level.Level} {level.Name,-32} {LevelWording.Of(level, report.Maturity.Level)}{blocking}");
        }

        if (report.Categories.Count > 0)
        {
            output.WriteLine();
            output.WriteLine($"  {"category",-24} {"score",5}  passed failed unknown n/a");
            foreach (var c in report.Categories)
            {
                var score = c.Score is { } s ? $"{s}%" : "-";
                output.WriteLine($"  {TerminalText.Clean(c.Category),-24} {score,5}  {c.Passed,6} {c.Failed,6} {c.Unknown,7} {c.NotApplicable,3}");
            }
        }

        output.WriteLine();
        foreach (var finding in report.Findings)
        {
            output.WriteLine($"  {Labels.Of(finding.Outcome).ToUpperInvariant(),-15} {TerminalText.Clean(finding.RuleId)}  L{finding.Level} {TerminalText.Clean(finding.Title)}");
            output.WriteLine($"  {"",-15} {TerminalText.Clean(finding.Message)}");
        }

        var failing = report.Findings.Count(f => f.IsFailing());
        output.WriteLine();
        output.WriteLine($"{report.Findings.Count(f => f.Outcome == Outcome.Pass)} passed, {failing} failing, {report.Findings.Count(f => f.Outcome == Outcome.Unknown)} unknown, " +
                         $"{report.Findings.Count(f => f.Outcome == Outcome.NotApplicable)} not applicable");

        var inventory = report.Inventory;
        output.WriteLine($"Inventory: {inventory.Experiments.Total} experiments, {inventory.Runs.Total} runs ({inventory.Runs.WithGitCommit} with a git commit), " +
                         $"{inventory.RegisteredModels} registered models, {inventory.ModelVersions} model versions, {inventory.LoggedModels} logged models");
        WritePolicy(report.Policy, output);
        if (report.ProblemsTotal > 0)
        {
            output.WriteLine($"{report.ProblemsTotal} problem(s) reading the project: listed on standard error, and in the JSON report");
        }
    }

    /// <summary>Every weakening the project's configuration asked for, allowed or refused, when there is one or a policy file was given.</summary>
    private static void WritePolicy(PolicySummary policy, TextWriter output)
    {
        if (policy.Allowed.Count + policy.Refused.Count == 0 && policy.File is null)
        {
            return;
        }

        var from = policy.File is null ? "defaults" : $"{policy.Source} {TerminalText.Clean(policy.File)}";
        output.WriteLine($"Policy ({from}): {policy.Allowed.Count} allowed, {policy.Refused.Count} refused");
        foreach (var (state, decision) in policy.Allowed.Select(d => ("allowed", d)).Concat(policy.Refused.Select(d => ("refused", d))))
        {
            output.WriteLine($"  {state,-8} {Labels.Of(decision.Kind),-17} {TerminalText.Clean(decision.Subject)}: {TerminalText.Clean(decision.Detail)}");
        }
    }
}
