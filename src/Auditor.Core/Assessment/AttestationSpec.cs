namespace Auditor.Core.Assessment;

/// <summary>
/// How a rule may be attested: the question a person answers. A rule whose check is only an attestation
/// always has one; a rule with an automated check has one when a person's answer may stand in for evidence
/// the collectors cannot reach.
/// </summary>
public sealed record AttestationSpec(string Question);
