namespace Auditor.Core.Assessment;

/// <summary>The waiver on a finding as the report shows it. An expired waiver is shown but no longer applies.</summary>
public sealed record FindingWaiver(WaiverReason Reason, string Owner, string Justification, DateOnly Expires, ApprovalState State);
