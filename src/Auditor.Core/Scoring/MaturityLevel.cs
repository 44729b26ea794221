namespace Auditor.Core.Scoring;

/// <summary>One level of the maturity model as the policy file names it.</summary>
public sealed record MaturityLevel(int Level, string Name, string Description);
