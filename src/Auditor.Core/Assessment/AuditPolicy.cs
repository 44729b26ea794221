using Auditor.Core.Rules;

namespace Auditor.Core.Assessment;

/// <summary>
/// The operator's side of the audit (<c>--policy FILE</c> or <c>MLAUDIT_POLICY</c>, kept outside the audited tree):
/// what the audited project's own configuration may do. The defaults let a team assess itself (its waivers and
/// attestations count) but not weaken a level: rules required for a level, and categories that hold one, cannot be
/// disabled or given a weaker threshold, waivers and attestations last at most a year, and a tracking URI the
/// project names never receives the environment's credentials.
/// </summary>
public sealed record AuditPolicy
{
    public static AuditPolicy Default { get; } = new();

    /// <summary>Where it came from: <c>defaults</c>, <c>--policy</c> or <c>MLAUDIT_POLICY</c>.</summary>
    public string Source { get; init; } = "defaults";

    /// <summary>The policy file, or null for the built-in defaults.</summary>
    public string? File { get; init; }

    public bool ProjectWaivers { get; init; } = true;

    /// <summary>A waiver expiring more than this many days after the audit day is refused.</summary>
    public int MaxWaiverDays { get; init; } = 365;

    public bool ProjectAttestations { get; init; } = true;

    /// <summary>An attestation expiring more than this many days after the audit day is refused.</summary>
    public int MaxAttestationDays { get; init; } = 365;

    /// <summary>Whether every rule required for a level is protected (cannot be disabled or weakened).</summary>
    public bool ProtectRequired { get; init; } = true;

    /// <summary>More rules the project cannot disable or weaken.</summary>
    public IReadOnlySet<string> ProtectedRules { get; init; } = new HashSet<string>();

    /// <summary>More categories the project cannot disable.</summary>
    public IReadOnlySet<string> ProtectedCategories { get; init; } = new HashSet<string>();

    /// <summary>Protected rules the project may nonetheless disable or weaken.</summary>
    public IReadOnlySet<string> AllowedRules { get; init; } = new HashSet<string>();

    /// <summary>Protected categories the project may nonetheless disable, with every rule in them.</summary>
    public IReadOnlySet<string> AllowedCategories { get; init; } = new HashSet<string>();

    public ProjectTrackingUriUse ProjectTrackingUri { get; init; } = ProjectTrackingUriUse.Anonymous;

    public bool IsProtected(RuleDefinition rule) =>
        !AllowedRules.Contains(rule.Id) && (ProtectedRules.Contains(rule.Id) || (ProtectRequired && rule.Required));

    /// <summary>A category is protected when the policy names it or it holds a protected rule.</summary>
    public bool IsProtected(string category, IEnumerable<RuleDefinition> rules) =>
        !AllowedCategories.Contains(category)
        && (ProtectedCategories.Contains(category) || rules.Any(r => r.Category == category && IsProtected(r)));
}
