using Auditor.Core.Rules;
using Auditor.Core.Scoring;

namespace Auditor.Core.Reporting;

/// <summary>
/// The one read-only model every renderer formats. Its JSON form is a public contract:
/// add fields freely, never change the meaning of one without bumping <see cref="SchemaVersion"/>.
/// Version 2: <c>maturity.levels[].status</c> is reached|criteria-met|not-met|unknown (version 1 said met for a level
/// whose own criteria passed, even above the attained level) and each level has <c>reached</c>.
/// </summary>
public sealed record AuditReport
{
    public const string CurrentSchemaVersion = "2";

    public string SchemaVersion { get; init; } = CurrentSchemaVersion;

    public required ToolInfo Tool { get; init; }

    public required DateTimeOffset GeneratedAt { get; init; }

    public required ReportSubject Subject { get; init; }

    public required Inventory Inventory { get; init; }

    public required MaturityResult Maturity { get; init; }

    public required IReadOnlyList<CategoryScore> Categories { get; init; }

    public required IReadOnlyList<Finding> Findings { get; init; }

    /// <summary>Distinct commits recorded on runs, with how many runs record each; most used first, capped (see <see cref="CommitsTotal"/>).</summary>
    public required IReadOnlyList<CommitUsage> Commits { get; init; }

    /// <summary>Every registered model version traced back to its run, commit, environment, data and artifact.</summary>
    public IReadOnlyList<Trace.ModelTrace> Trace { get; init; } = [];

    /// <summary>GenAI application versions logged as MLflow 3 logged models (linking prompts or traced) that no registered version points to, traced to prompts, evaluations, source run and commit.</summary>
    public IReadOnlyList<Trace.LoggedApplicationTrace> Applications { get; init; } = [];

    /// <summary>Earlier audits kept with <c>--history</c>, oldest first, this one last; empty without <c>--history</c>.</summary>
    public IReadOnlyList<HistoryPoint> History { get; init; } = [];

    /// <summary>The operator's policy and what it allowed or refused of the project's configuration.</summary>
    public PolicySummary Policy { get; init; } = PolicySummary.Defaults;

    /// <summary>What could not be read, one line each; the audit went on without it.</summary>
    public required IReadOnlyList<string> Problems { get; init; }

    /// <summary>How many distinct commits runs record; <see cref="Commits"/> keeps the most used, up to <see cref="AuditReportBuilder.ListCap"/>.</summary>
    public int CommitsTotal { get; init; }

    /// <summary>How many problems there were; <see cref="Problems"/> keeps the first, up to <see cref="AuditReportBuilder.ListCap"/>.</summary>
    public int ProblemsTotal { get; init; }

    /// <summary>Runs per month of their start time, with how many record a git commit; oldest first.</summary>
    public IReadOnlyList<RunPeriod> RunsOverTime { get; init; } = [];

}
