namespace Auditor.Reporting;

/// <summary>The CI gate's decision as the reports show it: passed, or failed with one line per reason.</summary>
public sealed record GateOutcome(bool Passed, IReadOnlyList<string> Reasons);
