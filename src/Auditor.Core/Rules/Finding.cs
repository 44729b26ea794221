using Auditor.Core.Assessment;
using Auditor.Core.Evidence;

namespace Auditor.Core.Rules;

/// <summary>The judgement of one rule on one project, with the evidence it rests on.</summary>
public sealed record Finding
{
    public required string RuleId { get; init; }

    public required string Slug { get; init; }

    public required string Title { get; init; }

    public required int Level { get; init; }

    public required string Category { get; init; }

    public required Severity Severity { get; init; }

    public required bool Required { get; init; }

    /// <summary>Key evidence of its level: not-applicable does not satisfy the level (see <see cref="RuleDefinition.MustApply"/>).</summary>
    public bool MustApply { get; init; }

    public required Outcome Outcome { get; init; }

    /// <summary>The finding in words, from the rule's message template; the fact expression when the rule has none.</summary>
    public required string Message { get; init; }

    /// <summary>The facts compared and what was expected (<c>runs.paramsShare is 0.6, expected at least 0.9</c>).</summary>
    public string Expression { get; init; } = "";

    /// <summary>The evidence behind the outcome, capped at <see cref="RuleEvaluator.EvidenceCap"/> items.</summary>
    public IReadOnlyList<EvidenceRef> Evidence { get; init; } = [];

    /// <summary>How many evidence items there were before the cap.</summary>
    public int EvidenceTotal { get; init; }

    /// <summary>Whether the outcome rests on gathered evidence or on a person's attestation.</summary>
    public Basis Basis { get; init; } = Basis.Automated;

    /// <summary>The attestation recorded for this rule, active or expired; null when there is none.</summary>
    public FindingAttestation? Attestation { get; init; }

    /// <summary>The waiver recorded for this rule, active or expired; null when there is none.</summary>
    public FindingWaiver? Waiver { get; init; }

    /// <summary>True when an active waiver accepts this finding's failure: it keeps its outcome but blocks nothing.</summary>
    public bool IsWaived => Waiver is { State: ApprovalState.Active } && Outcome is not (Outcome.Pass or Outcome.NotApplicable);

    /// <summary>Why the rule matters, from the rule file (plain text).</summary>
    public string Rationale { get; init; } = "";

    /// <summary>How to fix a failure, from the rule file (Markdown; renderers must not trust it as markup).</summary>
    public string Remediation { get; init; } = "";
}
