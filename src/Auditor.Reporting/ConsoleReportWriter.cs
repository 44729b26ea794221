using Auditor.Core.Reporting;
using Auditor.Core.Rules;
using Auditor.Core.Scoring;
using Spectre.Console;

namespace Auditor.Reporting;

/// <summary>
/// The terminal summary, for triage in seconds: the level and what blocks the next one, the failing findings by level
/// with their severity, the unknown ones with the reason, a count of the passes, the inventory and the totals. Every
/// project value is cleaned for the terminal (<see cref="TerminalText"/>) and escaped for Spectre markup.
/// </summary>
public static class ConsoleReportWriter
{
    public static void Write(AuditReport report, TextWriter output) => Write(report, output, new ConsoleReportOptions());

    public static void Write(AuditReport report, TextWriter output, ConsoleReportOptions options)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = options.Color ? AnsiSupport.Yes : AnsiSupport.No,
            ColorSystem = options.Color ? ColorSystemSupport.Standard : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
        console.Profile.Width = 4096;
        var lines = new ConsoleLines(console);
        Header(report, lines);
        ConsoleFindings.Write(report, lines, options);
        Footer(report, lines);
    }

    private static void Header(AuditReport report, ConsoleLines lines)
    {
        var maturity = report.Maturity;
        var levelName = maturity.Levels.FirstOrDefault(l => l.Level == maturity.Level)?.Name ?? "";
        lines.Line($"mlaudit {Esc(report.Tool.Version)}: {Esc(ProjectPath.Shown(report.Subject))}");
        lines.Line($"Tracking store: {Esc(TrackingText.Line(report.Subject.Tracking))}");
        foreach (var other in report.Subject.Tracking.OtherStores)
        {
            lines.Line($"  also found: {Esc(TrackingText.Other(other))}");
        }

        lines.Line();
        lines.Line($"[bold]Maturity level {maturity.Level} - {Esc(levelName)}[/]{Next(maturity.Levels.FirstOrDefault(l => l.Level == maturity.Level + 1), maturity.Level)}");
        foreach (var level in maturity.Levels.Where(l => l.Level > 0))
        {
            var blocking = level.Blocking.Count == 0 ? "" : $"  blocked by {Esc(string.Join(", ", level.Blocking))}";
            lines.Line($"  {Markup.Escape(LevelWording.Mark(level.Status))} level {level.Level} {Esc(level.Name),-32} {LevelWording.Of(level, maturity.Level)}{blocking}");
        }
    }

    /// <summary>What stands between the attained level and the next: its blocking rules, or why it is not reached.</summary>
    private static string Next(LevelResult? next, int attained) => next switch
    {
        null => "",
        { Blocking.Count: > 0 } => $"; level {next.Level} is blocked by [bold]{Esc(string.Join(", ", next.Blocking))}[/]",
        _ => $"; level {next.Level} is {LevelWording.Of(next, attained)}",
    };

    private static void Footer(AuditReport report, ConsoleLines lines)
    {
        var findings = report.Findings;
        var waived = findings.Count(f => f.IsWaived);
        lines.Line($"Inventory: {report.Inventory.Experiments.Total} experiments, {report.Inventory.Runs.Total} runs ({report.Inventory.Runs.WithGitCommit} with a git commit), " +
                   $"{report.Inventory.RegisteredModels} registered models, {report.Inventory.ModelVersions} model versions, {report.Inventory.LoggedModels} logged models");
        lines.Line($"Totals: {findings.Count(f => f.Outcome == Outcome.Pass)} passed, {findings.Count(f => f.IsFailing())} failing, " +
                   $"{findings.Count(f => f.Outcome == Outcome.Unknown && !f.IsWaived)} unknown, {findings.Count(f => f.Outcome == Outcome.NotApplicable)} not applicable" +
                   (waived > 0 ? $", {waived} waived" : ""));
        WritePolicy(report.Policy, lines);
        if (report.ProblemsTotal > 0)
        {
            lines.Line($"{report.ProblemsTotal} problem(s) reading the project: listed on standard error, and in the JSON report");
        }
    }

    /// <summary>Every weakening the project's configuration asked for, allowed or refused, when there is one or a policy file was given.</summary>
    private static void WritePolicy(PolicySummary policy, ConsoleLines lines)
    {
        if (policy.Allowed.Count + policy.Refused.Count == 0 && policy.File is null)
        {
            return;
        }

        var from = policy.File is null ? "defaults" : $"{Esc(policy.Source)} {Esc(policy.File)}";
        lines.Line($"Policy ({from}): {policy.Allowed.Count} allowed, {policy.Refused.Count} refused");
        foreach (var (state, decision) in policy.Allowed.Select(d => ("allowed", d)).Concat(policy.Refused.Select(d => ("refused", d))))
        {
            lines.Line($"  {state,-8} {Labels.Of(decision.Kind),-17} {Esc(decision.Subject)}: {Esc(decision.Detail)}");
        }
    }

    /// <summary>A project value made safe for the terminal and for Spectre markup.</summary>
    internal static string Esc(string text) => Markup.Escape(TerminalText.Clean(text));
}
