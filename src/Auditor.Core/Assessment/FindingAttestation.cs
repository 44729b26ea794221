namespace Auditor.Core.Assessment;

/// <summary>The attestation on a finding as the report shows it. An expired attestation is shown but no longer counts.</summary>
public sealed record FindingAttestation(AttestationAnswer Answer, string Owner, DateOnly Date, DateOnly Expires, string? Evidence, ApprovalState State);
