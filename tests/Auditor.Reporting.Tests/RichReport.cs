using Auditor.Core.Assessment;
using Auditor.Core.Evidence;
using Auditor.Core.Reporting;
using Auditor.Core.Rules;
using Auditor.Core.Scoring;
using Auditor.Core.Trace;
using Auditor.Core.Tracking;

namespace Auditor.Reporting.Tests;

/// <summary>
/// A report with every outcome, categories, runs over time, and a hostile value wherever the audited project can put
/// text: run name, tag, param, commit message, model name, path, branch, problems.
/// </summary>
internal static class RichReport
{
    /// <summary>Sets window.__pwned and the title if it ever runs.</summary>
    public const string Script = "<script>window.__pwned='script';document.title='pwned'</script>";
    public const string Image = "<img src=x onerror=\"window.__pwned='img';document.title='pwned'\">";
    public const string Attribute = "\"><svg onload=\"window.__pwned='svg'\">";
    public const string Markdown = "| pipe | `tick` **bold** [link](http://evil.example) # heading";

    public static AuditReport Create(int evidenceTotal = 3) => new()
    {
        Tool = new ToolInfo("mlaudit", "0.1.0"),
        GeneratedAt = new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero),
        Subject = new ReportSubject
        {
            Path = "/work/churn " + Script,
            Repository = new RepositorySummary("/work", "0123456789abcdef0123456789abcdef01234567", "feature/" + Attribute, Dirty: true, Shallow: false),
            Tracking = new TrackingSummary("sqlite:///week2/mlflow.db", TrackingStoreKind.Sqlite)
            {
                Source = TrackingSource.Discovered,
                OtherStores = [new StoreCandidate("./old " + Script + " " + Markdown + "/mlruns", TrackingStoreKind.File, 8)],
            },
        },
        Inventory = Inventory.Empty with { RegisteredModels = 1, ModelVersions = 2 },
        Maturity = new MaturityResult(1,
        [
            Level(0, "No MLOps", LevelStatus.Reached),
            Level(1, "DevOps but no MLOps", LevelStatus.Reached),
            Level(2, "Automated training", LevelStatus.NotMet, "MLA-0003"),
            Level(3, "Automated model deployment", LevelStatus.Unknown, "MLA-0006"),
            Level(4, "Full MLOps automated operations", LevelStatus.Unknown),
        ]),
        Categories =
        [
            new CategoryScore("model-management", 50, 1, 1, 1, 0),
            new CategoryScore("tracking", 67, 2, 1, 0, 1),
            new CategoryScore("versioning " + Script, 100, 1, 0, 0, 0),
        ],
        Findings =
        [
            Finding("MLA-0001", 1, "versioning", Outcome.Pass, Severity.High, "repository.present is true",
                new EvidenceRef("commit", "0123456789abcdef", "commit message: " + Script)),
            Finding("MLA-0002", 2, "tracking", Outcome.Pass, Severity.High, "runs.total is 12",
                new EvidenceRef("run", "a1b2c3", "run name: " + Script), new EvidenceRef("run", "d4e5f6", "tag team=" + Image)),
            Finding("MLA-0003", 2, "tracking", Outcome.Fail, Severity.High, "runs.gitCommitShare is 0.5, expected at least 0.9 " + Markdown,
                [.. Enumerable.Range(0, Math.Min(evidenceTotal, RuleEvaluator.EvidenceCap)).Select(i => new EvidenceRef("run", $"run{i:D5}", "param lr=" + Attribute))], evidenceTotal),
            Finding("MLA-0004", 2, "tracking", Outcome.NotApplicable, Severity.Medium, "Not applicable: runs.total is 0"),
            Finding("MLA-0005", 2, "model-management", Outcome.Fail, Severity.Medium, "registry.modelVersions is 0",
                new EvidenceRef("registered-model", "churn " + Script), new EvidenceRef("file", "models/README " + Image + ".md", "uncommitted")),
            Finding("MLA-0006", 3, "model-management", Outcome.Unknown, Severity.Low, "Unknown: the registry could not be read"),
            Finding("MLA-0007", 3, "model-management", Outcome.Error, Severity.Critical, "The rule could not be evaluated: boom"),
            Finding("MLA-0008", 1, "versioning " + Script, Outcome.Pass, Severity.Info, "ok"),
            Finding("MLA-0011", 3, "data", Outcome.Fail, Severity.High, "runs.datasetShare is 0.1") with
            {
                Waiver = new FindingWaiver(WaiverReason.RemediationPlanned, "alice " + Script, "Lands with ML-42 " + Image, new DateOnly(2027, 3, 31), ApprovalState.Active),
            },
            Finding("MLA-0101", 2, "process", Outcome.Pass, Severity.Medium, "Attested 'yes' by carol") with
            {
                Basis = Basis.Attested,
                Attestation = new FindingAttestation(AttestationAnswer.Yes, "carol " + Script, new DateOnly(2026, 11, 1), new DateOnly(2027, 5, 1), "https://wiki.example.com/" + Attribute, ApprovalState.Active),
            },
        ],
        Trace =
        [
            new ModelTrace
            {
                Model = "churn " + Script, Version = 2, Stage = "Production", Aliases = ["champion"], RunId = "a1b2c3", RunName = "run " + Image,
                RunState = RunState.Active, Commit = "0123456789abcdef0123456789abcdef01234567", CommitState = CommitState.Present, CommitReachable = true,
                Environment = EnvironmentState.Pinned, Data = DataState.Logged, Artifact = ArtifactLinkState.Present, Verdict = Verdict.Reproducible, Serving = true,
            },
            new ModelTrace
            {
                Model = "churn " + Script, Version = 1, Stage = "Archived", RunId = "d4e5f6", RunState = RunState.Deleted, CommitState = CommitState.NotRecorded,
                Environment = EnvironmentState.Unknown, Data = DataState.Missing, Artifact = ArtifactLinkState.Missing, Verdict = Verdict.Broken,
                Gaps = ["its run d4e5f6 is deleted", "commit message " + Script],
            },
        ],
        History =
        [
            new HistoryPoint(new DateTimeOffset(2026, 9, 1, 0, 0, 0, TimeSpan.Zero), 0, new Dictionary<string, int?> { ["tracking"] = 40 }),
            new HistoryPoint(new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero), 1, new Dictionary<string, int?> { ["tracking"] = 67 }),
        ],
        Commits = [new CommitUsage("0123456789abcdef", 6)],
        CommitsTotal = 1,
        ProblemsTotal = 1,
        Problems = ["mlruns/1/meta.yaml: " + Script],
        RunsOverTime = [new RunPeriod("2026-01", 5, 5), new RunPeriod("2026-02", 4, 1), new RunPeriod("2026-03", 3, 0)],
    };

    private static LevelResult Level(int level, string name, LevelStatus status, params string[] blocking) =>
        new() { Level = level, Name = name, Status = status, Passed = 1, Failed = blocking.Length, Blocking = blocking };

    private static Finding Finding(string id, int level, string category, Outcome outcome, Severity severity, string message, params EvidenceRef[] evidence) =>
        Finding(id, level, category, outcome, severity, message, evidence, evidence.Length);

    private static Finding Finding(string id, int level, string category, Outcome outcome, Severity severity, string message, EvidenceRef[] evidence, int total) => new()
    {
        RuleId = id,
        Slug = id.ToLowerInvariant(),
        Title = $"Rule {id} holds",
        Level = level,
        Category = category,
        Severity = severity,
        Required = level > 1,
        Outcome = outcome,
        Message = message,
        Evidence = evidence,
        EvidenceTotal = total,
        Rationale = "Because `tracing` matters.",
        Remediation = "Run `mlflow run` from a **clean** checkout.\n\nEffort: low. " + Script,
    };
}
