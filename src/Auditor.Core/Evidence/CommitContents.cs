namespace Auditor.Core.Evidence;

/// <summary>
/// What a commit recorded on runs holds that a rebuild needs: which of the asked-for paths exist in its tree
/// (entry points, environment and lock files, data-versioning files), and how pinned its requirements files are.
/// Paths are relative to the repository root, with '/' separators.
/// </summary>
public sealed record CommitContents
{
    public required string Sha { get; init; }

    public IReadOnlySet<string> Paths { get; init; } = new HashSet<string>();

    /// <summary>Requirements file path to the share (0-1) of its requirement lines pinned with == or ===.</summary>
    public IReadOnlyDictionary<string, double> RequirementsPinnedShare { get; init; } = new Dictionary<string, double>();

    /// <summary>Whether <c>.gitattributes</c> at that commit routes files through Git LFS.</summary>
    public bool UsesLfs { get; init; }

    public bool Has(string path) => Paths.Contains(path);
}
