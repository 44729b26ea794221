using Auditor.Core.Assessment;

namespace Auditor.Core.Reporting;

/// <summary>
/// The policy section of every report: where the operator's policy came from (<see cref="Source"/>: defaults,
/// --policy or MLAUDIT_POLICY, and its <see cref="File"/>), and each weakening the project's configuration asked for,
/// allowed or refused.
/// </summary>
public sealed record PolicySummary
{
    public static PolicySummary Defaults { get; } = new();

    public string Source { get; init; } = "defaults";

    public string? File { get; init; }

    public IReadOnlyList<PolicyDecision> Allowed { get; init; } = [];

    public IReadOnlyList<PolicyDecision> Refused { get; init; } = [];
}
