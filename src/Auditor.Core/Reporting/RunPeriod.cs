namespace Auditor.Core.Reporting;

/// <summary>Runs that started in one calendar month (UTC, "yyyy-MM"), and how many of them record a git commit.</summary>
public sealed record RunPeriod(string Month, int Runs, int WithGitCommit);
