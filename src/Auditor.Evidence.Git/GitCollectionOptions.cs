namespace Auditor.Evidence.Git;

/// <summary>Settings of one repository collection; the defaults are what the audit uses.</summary>
public sealed record GitCollectionOptions
{
    public static GitCollectionOptions Default { get; } = new();

    /// <summary>End of the recent-activity window; null means the HEAD commit's time.</summary>
    public DateTimeOffset? Now { get; init; }

    public TimeSpan RecentWindow { get; init; } = TimeSpan.FromDays(90);

    /// <summary>Blobs above this size are reported whatever their name.</summary>
    public long LargeBlobBytes { get; init; } = 10 * 1024 * 1024;

    /// <summary>Tabular data files (csv, tsv, jsonl) above this size are reported.</summary>
    public long LargeDataFileBytes { get; init; } = 1024 * 1024;

    /// <summary>Most recent commits whose trees the large-blob scan visits; older history is not scanned (and the evidence says so).</summary>
    public int LargeBlobMaxCommits { get; init; } = 5_000;

    /// <summary>The largest repository files libgit2 may read; a repository with a file over them is not opened.</summary>
    public GitFileLimits Files { get; init; } = GitFileLimits.Default;

    /// <summary>Large blobs kept as evidence.</summary>
    public int LargeBlobCap { get; init; } = 50;
}
