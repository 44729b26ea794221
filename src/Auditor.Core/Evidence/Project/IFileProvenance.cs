namespace Auditor.Core.Evidence;

/// <summary>Says whether a working-tree file is committed unchanged, so project facts can cite a commit.</summary>
public interface IFileProvenance
{
    /// <summary>The HEAD commit SHA when the file at <paramref name="absolutePath"/> is committed unchanged; otherwise null.</summary>
    string? CommitOf(string absolutePath);
}
