namespace Auditor.Evidence.Git;

/// <summary>
/// The largest repository files mlaudit lets libgit2 read. libgit2 reads the index, <c>packed-refs</c>, loose objects
/// and small files (HEAD, config, ...) whole into memory, and maps pack files and their indexes: a 2 GB sparse
/// <c>.git/index</c> cost 20 s and 2.1 GB before this bound. A repository with a file over its bound is not opened;
/// its evidence is a failed collection naming the file and its size.
/// </summary>
public sealed record GitFileLimits
{
    private const long MiB = 1024 * 1024;

    public static GitFileLimits Default { get; } = new();

    /// <summary><c>.git/index</c>: a million tracked files make about 100 MiB.</summary>
    public long IndexBytes { get; init; } = 256 * MiB;

    /// <summary><c>packed-refs</c>: a million refs make about 60 MiB.</summary>
    public long PackedRefsBytes { get; init; } = 128 * MiB;

    /// <summary>Each <c>objects/pack/*.pack</c> (mapped in windows, never read whole).</summary>
    public long PackBytes { get; init; } = 16L * 1024 * MiB;

    /// <summary>Each pack index (<c>*.idx</c>), the commit graph and the multi-pack index (mapped whole).</summary>
    public long PackIndexBytes { get; init; } = 1024 * MiB;

    /// <summary>Pack files in <c>objects/pack</c>.</summary>
    public int PackFiles { get; init; } = 10_000;

    /// <summary>
    /// A loose commit, tree or tag (read and inflated whole). Loose blobs may be of any size, as git allows, but a loose
    /// file larger than the content its header declares is refused: libgit2 would read all of it.
    /// </summary>
    public long LooseObjectBytes { get; init; } = 64 * MiB;

    /// <summary>HEAD, config, shallow, commondir, a <c>.git</c> file, loose refs, info/exclude, the worktree's top .gitignore and .gitattributes.</summary>
    public long OtherFileBytes { get; init; } = 16 * MiB;
}
