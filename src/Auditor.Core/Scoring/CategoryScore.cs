namespace Auditor.Core.Scoring;

/// <summary>A category's share of passing rules, 0-100; not-applicable and unknown are excluded and counted.</summary>
public sealed record CategoryScore(string Category, int? Score, int Passed, int Failed, int Unknown, int NotApplicable);
