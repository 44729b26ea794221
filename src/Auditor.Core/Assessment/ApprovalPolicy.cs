using Auditor.Core.Rules;

namespace Auditor.Core.Assessment;

/// <summary>
/// The policy on the project's waivers and attestations: whether they count at all, and how long they may last.
/// An attestation dated after the audit day is always refused. Expired ones are left for the assessment to report.
/// </summary>
internal static class ApprovalPolicy
{
    public static (IReadOnlyList<Waiver> Waivers, IReadOnlyList<Attestation> Attestations) Apply(
        ProjectConfig config, AuditPolicy policy, IReadOnlyDictionary<string, RuleDefinition> rules, DateOnly today, Decisions decisions)
    {
        var waivers = config.Waivers.Where(w => !rules.ContainsKey(w.RuleId) || Decide(w, policy, today, decisions)).ToList();
        var file = config.AttestationsFile ?? ".mlaudit-attestations.yml";
        var attestations = config.Attestations
            .Where(a => !rules.TryGetValue(a.RuleId, out var rule) || rule.Attestation is null || Decide(a, file, policy, today, decisions))
            .ToList();
        return (waivers, attestations);
    }

    private static bool Decide(Waiver waiver, AuditPolicy policy, DateOnly today, Decisions decisions)
    {
        var latest = today.AddDays(policy.MaxWaiverDays);
        var refusal = !policy.ProjectWaivers ? "the operator's policy does not accept project waivers"
            : waiver.Expires > latest ? $"it expires on {waiver.Expires:yyyy-MM-dd}, more than {policy.MaxWaiverDays} days after the audit day {today:yyyy-MM-dd} (latest {latest:yyyy-MM-dd})"
            : null;
        if (refusal is not null)
        {
            decisions.Refuse(PolicyDecisionKind.Waiver, waiver.RuleId, $"waiver for {waiver.RuleId} (owner {waiver.Owner}): {refusal}");
            return false;
        }

        if (!waiver.IsExpiredOn(today))
        {
            decisions.Allow(PolicyDecisionKind.Waiver, waiver.RuleId, $"waived until {waiver.Expires:yyyy-MM-dd} by {waiver.Owner}: {waiver.Justification}");
        }

        return true;
    }

    private static bool Decide(Attestation attestation, string file, AuditPolicy policy, DateOnly today, Decisions decisions)
    {
        var latest = today.AddDays(policy.MaxAttestationDays);
        var refusal = !policy.ProjectAttestations ? "the operator's policy does not accept project attestations"
            : attestation.Date > today ? $"it is dated {attestation.Date:yyyy-MM-dd}, after the audit day {today:yyyy-MM-dd}"
            : attestation.Expires > latest ? $"it expires on {attestation.Expires:yyyy-MM-dd}, more than {policy.MaxAttestationDays} days after the audit day {today:yyyy-MM-dd} (latest {latest:yyyy-MM-dd})"
            : null;
        if (refusal is not null)
        {
            decisions.Refuse(PolicyDecisionKind.Attestation, attestation.RuleId, $"attestation for {attestation.RuleId} by {attestation.Owner}: {refusal}", file);
            return false;
        }

        if (!attestation.IsExpiredOn(today))
        {
            var answer = attestation.Answer == AttestationAnswer.Yes ? "yes" : "no";
            decisions.Allow(PolicyDecisionKind.Attestation, attestation.RuleId, $"attested '{answer}' by {attestation.Owner} on {attestation.Date:yyyy-MM-dd}, until {attestation.Expires:yyyy-MM-dd}");
        }

        return true;
    }
}
