using Auditor.Core.Evidence;
using Microsoft.Extensions.FileSystemGlobbing;

namespace Auditor.Evidence.Project;

/// <summary>
/// Lists the project's files: skips excluded folders and virtual environments, never follows a symbolic
/// link to a folder, skips a linked file whose target lies outside the project, and skips mlaudit's own files.
/// Bounded: folders more than <see cref="ProjectCollectionOptions.MaxDepth"/> levels deep are not entered, and a folder or file that cannot be
/// listed (a path too long for the system, no permission, a link loop) or whose name is not valid UTF-8 is a
/// skipped entry, never the end of the collection.
/// </summary>
internal static class ProjectTree
{
    public static IReadOnlyList<ProjectFile> List(string root, ProjectCollectionOptions options, List<SkippedFile> skipped)
    {
        var files = new List<ProjectFile>();
        var ignored = new Matcher(StringComparison.Ordinal);
        ignored.AddIncludePatterns(options.IgnorePaths);
        var pending = new Stack<(string Folder, int Depth)>([(root, 0)]);
        while (pending.TryPop(out var next))
        {
            foreach (var entry in Entries(root, next.Folder, skipped))
            {
                var relative = Path.GetRelativePath(root, entry.FullName).Replace('\\', '/');
                if (entry.Name.Contains('\uFFFD', StringComparison.Ordinal))
                {
                    skipped.Add(new SkippedFile(relative, "the name is not valid UTF-8: not looked at"));
                }
                else if (entry is DirectoryInfo directory)
                {
                    if (directory.LinkTarget is null && !options.ExcludedFolders.Contains(directory.Name) && !options.OwnPaths.Contains(directory.FullName) && relative is not ".dvc/cache" and not ".dvc/tmp" && !IsVirtualEnvironment(directory))
                    {
                        if (next.Depth + 1 >= options.MaxDepth)
                        {
                            skipped.Add(new SkippedFile(relative, $"more than {options.MaxDepth} folders deep: not looked at"));
                        }
                        else
                        {
                            pending.Push((directory.FullName, next.Depth + 1));
                        }
                    }
                }
                else if (entry is FileInfo file && !OwnFiles.IsOwn(file.FullName, file.Name, options) && !(options.IgnorePaths.Count > 0 && ignored.Match(relative).HasMatches) && Accept(root, file, relative, skipped))
                {
                    if (files.Count >= options.MaxFiles)
                    {
                        skipped.Add(new SkippedFile(relative, $"more than {options.MaxFiles} files: the rest were not looked at"));
                        return files;
                    }

                    files.Add(new ProjectFile(relative, file.FullName, file.LinkTarget is null ? file.Length : new FileInfo(file.ResolveLinkTarget(true)!.FullName).Length));
                }
            }
        }

        return files;
    }

    /// <summary>The folder's entries by name; one that cannot be listed is a skipped entry and lists nothing.</summary>
    private static IEnumerable<FileSystemInfo> Entries(string root, string folder, List<SkippedFile> skipped)
    {
        try
        {
            return new DirectoryInfo(folder).EnumerateFileSystemInfos().OrderBy(e => e.Name, StringComparer.Ordinal).ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            skipped.Add(new SkippedFile(Path.GetRelativePath(root, folder).Replace('\\', '/'), "the folder could not be listed: " + e.Message.Split('\n')[0]));
            return [];
        }
    }

    private static bool Accept(string root, FileInfo file, string relative, List<SkippedFile> skipped)
    {
        if (file.LinkTarget is null)
        {
            return true;
        }

        FileSystemInfo? target;
        try
        {
            target = file.ResolveLinkTarget(returnFinalTarget: true);
        }
        catch (IOException)
        {
            target = null;
        }

        var inside = target is { Exists: true } && Path.GetRelativePath(root, target.FullName) is var r && !r.StartsWith("..", StringComparison.Ordinal) && !Path.IsPathRooted(r);
        if (!inside)
        {
            skipped.Add(new SkippedFile(relative, "symbolic link to a file outside the project (or to nothing, or a loop)"));
        }

        return inside;
    }

    private static bool IsVirtualEnvironment(DirectoryInfo directory) =>
        File.Exists(Path.Combine(directory.FullName, "pyvenv.cfg")) || File.Exists(Path.Combine(directory.FullName, "conda-meta", "history"));
}
