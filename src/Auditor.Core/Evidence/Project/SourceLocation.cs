namespace Auditor.Core.Evidence;

/// <summary>
/// Where a project fact comes from: a path relative to the audited folder, the line it applies to, and the
/// HEAD commit when the file is committed unchanged (null when it is new, modified or outside git).
/// </summary>
public sealed record SourceLocation(string Path, int? Line = null, string? Commit = null)
{
    public bool Committed => Commit is not null;

    public EvidenceRef ToRef() =>
        new("file", Line is { } line ? $"{Path}:{line}" : Path, Commit ?? "uncommitted");
}
