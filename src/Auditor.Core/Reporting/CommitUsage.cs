using Auditor.Core.Evidence;

namespace Auditor.Core.Reporting;

/// <summary>A commit recorded on runs: how many runs record it and whether the repository holds it.</summary>
public sealed record CommitUsage(string Sha, int Runs, CommitPresence InRepository = CommitPresence.Unknown);
