using Auditor.Core.Evidence;
using Auditor.Core.Reporting;
using Auditor.Core.Rules;
using Auditor.Core.Scoring;
using Auditor.Core.Tracking;

namespace Auditor.Reporting.Tests;

/// <summary>A report built in memory, with hostile text wherever the audited project controls the value.</summary>
internal static class SampleReport
{
    public const string Payload = "<script>alert(1)</script>";

    public static AuditReport Create() => new()
    {
        Tool = new ToolInfo("mlaudit", "0.1.0"),
        GeneratedAt = new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero),
        Subject = new ReportSubject
        {
            Path = "/work/" + Payload,
            Repository = new RepositorySummary("/work", "abc123", Payload, Dirty: false, Shallow: false),
            Tracking = new TrackingSummary("./mlruns", TrackingStoreKind.File),
        },
        Inventory = Inventory.Empty,
        Maturity = new MaturityResult(1, Enumerable.Range(0, 5).Select(l => new LevelResult
        {
            Level = l,
            Name = $"Level {l}",
            Status = l <= 1 ? LevelStatus.Reached : LevelStatus.NotMet,
            Blocking = l == 2 ? ["MLA-0003"] : [],
        }).ToList()),
        Categories = [],
        Findings =
        [
            new Finding
            {
                RuleId = "MLA-0003", Slug = "runs-record-git-commit", Title = "Runs record the git commit", Level = 2, Category = "tracking",
                Severity = Severity.High, Required = true, Outcome = Outcome.NotApplicable, Message = "runs.gitCommitShare is 0",
                Evidence = [new EvidenceRef("run", "0123", Payload)], EvidenceTotal = 1,
            },
        ],
        Commits = [],
        Problems = ["mlruns/1/meta.yaml: " + Payload],
    };
}
