namespace Auditor.Core.Rules;

/// <summary>One rule as loaded from a file in <c>rules/</c>. Rules are data; this record is their shape.</summary>
public sealed record RuleDefinition
{
    /// <summary>Stable opaque id (for example MLA-0003); never reused.</summary>
    public required string Id { get; init; }

    public required string Slug { get; init; }

    /// <summary>The desired property, stated positively.</summary>
    public required string Title { get; init; }

    /// <summary>Maturity level 1-4 this rule evidences.</summary>
    public required int Level { get; init; }

    public required string Category { get; init; }

    public Severity Severity { get; init; } = Severity.Medium;

    /// <summary>Whether the level cannot be attained unless this rule passes.</summary>
    public bool Required { get; init; }

    /// <summary>
    /// The rule is key evidence of its level: when it does not apply, the level is not met (a required rule that
    /// does not apply otherwise leaves its level alone). Only meaningful with <see cref="Required"/>.
    /// </summary>
    public bool MustApply { get; init; }

    public required Condition Check { get; init; }

    /// <summary>When this evaluates to false the rule is not applicable.</summary>
    public Condition? ApplicableWhen { get; init; }

    public string Rationale { get; init; } = "";

    /// <summary>The findings in words, per outcome; the fact expression stays in <see cref="Finding.Expression"/>.</summary>
    public RuleMessages Messages { get; init; } = new();

    /// <summary>How to fix a failure, in Markdown.</summary>
    public string Remediation { get; init; } = "";

    /// <summary>low, medium or high.</summary>
    public string RemediationEffort { get; init; } = "medium";

    public IReadOnlyList<RuleReference> References { get; init; } = [];

    /// <summary>Facts that must pass, fail or be not applicable; <c>mlaudit rules verify</c> evaluates them.</summary>
    public IReadOnlyList<RuleExample> Examples { get; init; } = [];

    /// <summary>How a person may attest this rule; null when only evidence counts.</summary>
    public Assessment.AttestationSpec? Attestation { get; init; }

    /// <summary>Where the rule was loaded from (file path or embedded resource name).</summary>
    public string Source { get; init; } = "";
}
