namespace Auditor.Core.Assessment;

/// <summary>Why a team accepts a failing rule for a while: a fixed vocabulary, so reports can count by reason.</summary>
public enum WaiverReason
{
    NotApplicable,
    AcceptedRisk,
    FalsePositive,
    RemediationPlanned,
}
