namespace Auditor.Core.Reporting;

public sealed record CommitUsage(string Sha, int Runs);
