namespace Auditor.Core.Reporting;

public sealed record RunCounts
{
    public required int Total { get; init; }

    public required int Active { get; init; }

    public required int Deleted { get; init; }

    /// <summary>Status name (FINISHED, FAILED, ...) to number of runs, deleted runs included.</summary>
    public required IReadOnlyDictionary<string, int> ByStatus { get; init; }

    public required int WithGitCommit { get; init; }
}
