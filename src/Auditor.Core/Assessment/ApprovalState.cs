namespace Auditor.Core.Assessment;

/// <summary>Whether a waiver or attestation applies on the audit day.</summary>
public enum ApprovalState
{
    Active,
    Expired,
}
