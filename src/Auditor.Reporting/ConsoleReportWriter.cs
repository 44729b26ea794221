using Auditor.Core.Reporting;
using Auditor.Core.Rules;
using Auditor.Core.Scoring;

namespace Auditor.Reporting;

/// <summary>A plain-text summary for the terminal: the level, the ladder, and each finding on one line.</summary>
public static class ConsoleReportWriter
{
    public static void Write(AuditReport report, TextWriter output)
    {
        var levelName = report.Maturity.Levels.FirstOrDefault(l => l.Level == report.Maturity.Level)?.Name ?? "";
        output.WriteLine($"mlaudit {report.Tool.Version}: {TerminalText.Clean(report.Subject.Path)}");
        output.WriteLine($"Maturity level {report.Maturity.Level} - {levelName}");
        output.WriteLine();
        foreach (var level in report.Maturity.Levels.Where(l => l.Level > 0))
        {
            var blocking = level.Blocking.Count == 0 ? "" : $"  blocked by {string.Join(", ", level.Blocking)}";
            output.WriteLine($"  {Mark(level.Status)} level {level.Level} {level.Name,-32} {Labels.Of(level.Status),-8}{blocking}");
        }

        output.WriteLine();
        foreach (var finding in report.Findings)
        {
            output.WriteLine($"  {Labels.Of(finding.Outcome).ToUpperInvariant(),-15} {finding.RuleId}  L{finding.Level} {finding.Title}");
            output.WriteLine($"  {"",-15} {TerminalText.Clean(finding.Message)}");
        }

        var inventory = report.Inventory;
        output.WriteLine();
        output.WriteLine($"Inventory: {inventory.Experiments.Total} experiments, {inventory.Runs.Total} runs ({inventory.Runs.WithGitCommit} with a git commit), " +
                         $"{inventory.RegisteredModels} registered models, {inventory.ModelVersions} model versions, {inventory.LoggedModels} logged models");
        foreach (var problem in report.Problems)
        {
            output.WriteLine($"warning: {TerminalText.Clean(problem)}");
        }
    }

    private static string Mark(LevelStatus status) => status switch
    {
        LevelStatus.Met => "[x]",
        LevelStatus.NotMet => "[ ]",
        _ => "[?]",
    };
}
