namespace Auditor.Core.Evidence;

/// <summary>What the repository says about one commit SHA recorded on runs.</summary>
public sealed record CommitResolution
{
    /// <summary>The SHA as recorded on the runs.</summary>
    public required string Sha { get; init; }

    public required CommitPresence State { get; init; }

    /// <summary>Reachable from a branch, a tag or HEAD; null unless the commit is present.</summary>
    public bool? Reachable { get; init; }

    /// <summary>Committer time; null unless the commit is present.</summary>
    public DateTimeOffset? Time { get; init; }

    /// <summary>First line of the commit message; null unless the commit is present.</summary>
    public string? Message { get; init; }

    /// <summary>Why the state is what it is, when that is not obvious (shallow clone, not a commit id).</summary>
    public string? Detail { get; init; }
}
