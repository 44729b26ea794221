namespace Auditor.Core.Assessment;

/// <summary>What in the project's configuration weakens the audit, for the policy section of every report.</summary>
public enum PolicyDecisionKind
{
    DisableRule,
    DisableCategory,
    Threshold,
    Waiver,
    Attestation,
    TrackingUri,
}
