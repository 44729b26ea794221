namespace Auditor.Evidence.Project;

/// <summary>Bounds of one project collection.</summary>
public sealed record ProjectCollectionOptions
{
    public static ProjectCollectionOptions Default { get; } = new();

    /// <summary>Files larger than this are listed as skipped, not read.</summary>
    public long MaxFileBytes { get; init; } = 2 * 1024 * 1024;

    /// <summary>Files visited at most; the rest are not looked at (and one skipped entry says so).</summary>
    public int MaxFiles { get; init; } = 50_000;

    /// <summary>
    /// Folder levels entered below the project; deeper folders are listed as skipped, not looked at. No ML project
    /// nests its files this deep, and 3,000 nested folders once ended the audit with a path too long for the system.
    /// </summary>
    public int MaxDepth { get; init; } = 64;

    /// <summary>Glob patterns relative to the project (<c>legacy/**</c>, <c>**/*.ipynb</c>) of files never read: the configuration's <c>ignorePaths</c>.</summary>
    public IReadOnlyList<string> IgnorePaths { get; init; } = [];

    /// <summary>
    /// Absolute paths of mlaudit's own files and folders in this run (the <c>--config</c> file, the attestation file,
    /// the history folder): never evidence, whatever their names (see <see cref="OwnFiles"/>).
    /// </summary>
    public IReadOnlySet<string> OwnPaths { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Folder names never entered.</summary>
    public IReadOnlySet<string> ExcludedFolders { get; init; } = new HashSet<string>(StringComparer.Ordinal)
    {
        ".git", "node_modules", ".venv", "venv", "virtualenv", "site-packages", "__pycache__", "mlruns", "mlartifacts",
        ".tox", ".nox", ".mypy_cache", ".pytest_cache", ".ruff_cache", ".ipynb_checkpoints", ".idea", ".vscode", OwnFiles.ReportFolder,
    };
}
