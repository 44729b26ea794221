using Auditor.Core.Evidence;
using Microsoft.Extensions.FileSystemGlobbing;

namespace Auditor.Evidence.Project;

/// <summary>
/// Lists the project's files: skips excluded folders and virtual environments, never follows a symbolic
/// link to a folder, skips a linked file whose target lies outside the project, and skips mlaudit's own files.
/// </summary>
internal static class ProjectTree
{
    public static IReadOnlyList<ProjectFile> List(string root, ProjectCollectionOptions options, List<SkippedFile> skipped)
    {
        var files = new List<ProjectFile>();
        var ignored = new Matcher(StringComparison.Ordinal);
        ignored.AddIncludePatterns(options.IgnorePaths);
        var pending = new Stack<string>([root]);
        while (pending.Count > 0)
        {
            var folder = pending.Pop();
            foreach (var entry in new DirectoryInfo(folder).EnumerateFileSystemInfos().OrderBy(e => e.Name, StringComparer.Ordinal))
            {
                var relative = Path.GetRelativePath(root, entry.FullName).Replace('\\', '/');
                if (entry is DirectoryInfo directory)
                {
                    if (directory.LinkTarget is null && !options.ExcludedFolders.Contains(directory.Name) && !options.OwnPaths.Contains(directory.FullName) && relative is not ".dvc/cache" and not ".dvc/tmp" && !IsVirtualEnvironment(directory))
                    {
                        pending.Push(directory.FullName);
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

    private static bool Accept(string root, FileInfo file, string relative, List<SkippedFile> skipped)
    {
        if (file.LinkTarget is null)
        {
            return true;
        }

        var target = file.ResolveLinkTarget(returnFinalTarget: true);
        var inside = target is { Exists: true } && Path.GetRelativePath(root, target.FullName) is var r && !r.StartsWith("..", StringComparison.Ordinal) && !Path.IsPathRooted(r);
        if (!inside)
        {
            skipped.Add(new SkippedFile(relative, "symbolic link to a file outside the project (or to nothing)"));
        }

        return inside;
    }

    private static bool IsVirtualEnvironment(DirectoryInfo directory) =>
        File.Exists(Path.Combine(directory.FullName, "pyvenv.cfg")) || File.Exists(Path.Combine(directory.FullName, "conda-meta", "history"));
}
