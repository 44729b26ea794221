namespace Auditor.Evidence.Project;

/// <summary>A regular file inside the audited folder: its path relative to the folder (with '/') and its size.</summary>
internal sealed record ProjectFile(string RelativePath, string FullPath, long Size)
{
    public string Name => Path.GetFileName(RelativePath);

    public string Extension => Path.GetExtension(RelativePath).ToLowerInvariant();

    public string Folder => Path.GetDirectoryName(RelativePath)?.Replace('\\', '/') ?? "";
}
