namespace Auditor.Core.Assessment;

/// <summary>
/// One weakening the project's configuration asked for, allowed or refused by the operator's policy:
/// what (<see cref="Kind"/>), of which rule, category or URI (<see cref="Subject"/>), and why, in words.
/// </summary>
public sealed record PolicyDecision(PolicyDecisionKind Kind, string Subject, string Detail);
