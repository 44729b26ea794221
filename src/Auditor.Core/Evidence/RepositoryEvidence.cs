namespace Auditor.Core.Evidence;

/// <summary>Facts about the git repository that holds the audited project.</summary>
public sealed record RepositoryEvidence
{
    /// <summary>Working-tree root of the repository.</summary>
    public required string Root { get; init; }

    /// <summary>The audited folder relative to <see cref="Root"/> ("" when it is the root).</summary>
    public required string ProjectPath { get; init; }

    /// <summary>HEAD commit SHA, or null for a repository without commits.</summary>
    public string? Head { get; init; }

    public DateTimeOffset? HeadTime { get; init; }

    /// <summary>Branch name, or null when HEAD is detached or unborn.</summary>
    public string? Branch { get; init; }

    public bool Detached { get; init; }

    public bool Dirty { get; init; }

    /// <summary>Paths (relative to the root) with uncommitted changes, capped by the collector.</summary>
    public IReadOnlyList<string> DirtyFiles { get; init; } = [];

    public bool Shallow { get; init; }

    public int CommitCount { get; init; }

    /// <summary>Every path with uncommitted changes, of which <see cref="DirtyFiles"/> keeps the first few.</summary>
    public int DirtyFileCount { get; init; }

    public IReadOnlyList<GitRemote> Remotes { get; init; } = [];

    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>Start of the recent-activity window (HEAD time, or the injected clock, minus the window).</summary>
    public DateTimeOffset? RecentSince { get; init; }

    /// <summary>Commits reachable from HEAD committed since <see cref="RecentSince"/>.</summary>
    public int RecentCommits { get; init; }

    /// <summary>Distinct author e-mail addresses (case-insensitive) among <see cref="RecentCommits"/>.</summary>
    public int RecentAuthors { get; init; }

    /// <summary>Large or model/data files anywhere in the history reachable from any reference, capped by the collector.</summary>
    public IReadOnlyList<LargeBlob> LargeBlobs { get; init; } = [];

    /// <summary>False when the large-blob scan stopped early (commit or result cap): older history was not looked at.</summary>
    public bool LargeBlobScanComplete { get; init; } = true;
}
