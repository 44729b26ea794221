using Auditor.Core.Rules;

namespace Auditor.Core.Assessment;

/// <summary>
/// Applies a team's attestations and waivers to the automated findings. Evidence wins over attestation:
/// an attestation only decides a rule whose evidence did not pass. Neither changes what was observed.
/// </summary>
public static class AssessmentApplier
{
    public static AssessmentResult Apply(IReadOnlyList<RuleDefinition> rules, IReadOnlyList<Finding> findings, ProjectConfig config, DateOnly today)
    {
        var byId = rules.ToDictionary(r => r.Id, StringComparer.Ordinal);
        var problems = new List<string>();
        problems.AddRange(config.Waivers.Where(w => !byId.ContainsKey(w.RuleId))
            .Select(w => $"{config.Source ?? ".mlaudit.yml"}: waiver for unknown rule {w.RuleId} ignored"));
        problems.AddRange(config.Attestations.Where(a => !byId.ContainsKey(a.RuleId))
            .Select(a => $"{config.AttestationsFile ?? "attestations"}: attestation for unknown rule {a.RuleId} ignored"));
        problems.AddRange(config.Attestations.Where(a => byId.TryGetValue(a.RuleId, out var r) && r.Attestation is null)
            .Select(a => $"{config.AttestationsFile ?? "attestations"}: rule {a.RuleId} cannot be attested; the attestation is ignored"));

        var applied = findings.Select(f => Attest(f, byId, config, today)).Select(f => Waive(f, config, today)).ToList();
        problems.AddRange(applied.Where(f => f.Waiver is { State: ApprovalState.Expired })
            .Select(f => $"waiver for {f.RuleId} expired on {f.Waiver!.Expires:yyyy-MM-dd} (owner {f.Waiver.Owner})"));
        problems.AddRange(applied.Where(f => f.Attestation is { State: ApprovalState.Expired })
            .Select(f => $"{config.AttestationsFile ?? "attestations"}: attestation for {f.RuleId} by {f.Attestation!.Owner} expired on {f.Attestation.Expires:yyyy-MM-dd}; it counts for nothing"));
        return new AssessmentResult(applied, problems);
    }

    private static Finding Attest(Finding finding, IReadOnlyDictionary<string, RuleDefinition> rules, ProjectConfig config, DateOnly today)
    {
        if (!rules.TryGetValue(finding.RuleId, out var rule) || rule.Attestation is null
            || config.Attestations.LastOrDefault(a => a.RuleId == finding.RuleId) is not { } attestation)
        {
            return finding;
        }

        var state = attestation.IsExpiredOn(today) ? ApprovalState.Expired : ApprovalState.Active;
        var shown = new FindingAttestation(attestation.Answer, attestation.Owner, attestation.Date, attestation.Expires, attestation.Evidence, state);
        if (state == ApprovalState.Expired || finding.Outcome is Outcome.Pass or Outcome.NotApplicable)
        {
            var note = state == ApprovalState.Expired ? $" The attestation by {attestation.Owner} expired on {attestation.Expires:yyyy-MM-dd}." : "";
            return finding with { Attestation = shown, Message = finding.Message + note };
        }

        var answer = attestation.Answer == AttestationAnswer.Yes ? "yes" : "no";
        return finding with
        {
            Outcome = attestation.Answer == AttestationAnswer.Yes ? Outcome.Pass : Outcome.Fail,
            Basis = Basis.Attested,
            Attestation = shown,
            Message = $"Attested '{answer}' by {attestation.Owner} on {attestation.Date:yyyy-MM-dd} (valid until {attestation.Expires:yyyy-MM-dd})"
                      + (attestation.Note is { Length: > 0 } note2 ? $": {note2}" : "."),
        };
    }

    private static Finding Waive(Finding finding, ProjectConfig config, DateOnly today)
    {
        if (config.Waivers.LastOrDefault(w => w.RuleId == finding.RuleId) is not { } waiver)
        {
            return finding;
        }

        var state = waiver.IsExpiredOn(today) ? ApprovalState.Expired : ApprovalState.Active;
        return finding with { Waiver = new FindingWaiver(waiver.Reason, waiver.Owner, waiver.Justification, waiver.Expires, state) };
    }
}
