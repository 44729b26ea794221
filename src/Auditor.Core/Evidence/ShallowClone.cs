namespace Auditor.Core.Evidence;

/// <summary>What a shallow clone cannot show, and the one fix, worded once for every finding that needs it.</summary>
public static class ShallowClone
{
    public const string Fix =
        "fetch the full history: `fetch-depth: 0` with actions/checkout, `GIT_DEPTH: 0` in GitLab CI, or `git fetch --unshallow`";

    /// <summary>Why a commit absent from a shallow clone is unknown, with the fix.</summary>
    public const string CommitBeyondHistory = "the clone is shallow and the commit may lie beyond its history; " + Fix;

    /// <summary>Why facts about the whole history are only bounded on a shallow clone, with the fix.</summary>
    public const string HistoryCut = "the clone is shallow, so older history is not here; " + Fix;
}
