using Auditor.Core.Evidence;
using LibGit2Sharp;

namespace Auditor.Evidence.Git;

/// <summary>
/// Which working-tree files are committed unchanged at HEAD: in HEAD's tree and without a status change.
/// Computed once from HEAD's tree and the status (no index refresh), so the repository is not held open.
/// </summary>
public sealed class GitFileProvenance : IFileProvenance
{
    private readonly HashSet<string> _committed;
    private readonly string _root;
    private readonly string _head;

    private GitFileProvenance(string root, string head, HashSet<string> committed)
    {
        _root = root;
        _head = head;
        _committed = committed;
    }

    /// <summary>The provenance for the repository holding <paramref name="projectPath"/>, or null outside git or before the first commit.</summary>
    public static GitFileProvenance? Open(string projectPath)
    {
        try
        {
            var gitDirectory = GuardedRepository.Discover(projectPath);
            if (gitDirectory is null)
            {
                return null;
            }

            using var repository = new Repository(gitDirectory);
            if (repository.Head.Tip is not { } head || repository.Info.WorkingDirectory is null)
            {
                return null;
            }

            var changed = repository.RetrieveStatus(new StatusOptions { IncludeUntracked = false, IncludeIgnored = false })
                .Where(e => e.State != FileStatus.Unaltered)
                .Select(e => e.FilePath)
                .ToHashSet(StringComparer.Ordinal);
            var committed = new HashSet<string>(StringComparer.Ordinal);
            AddBlobs(head.Tree, "", changed, committed);
            return new GitFileProvenance(Path.GetFullPath(repository.Info.WorkingDirectory), head.Sha, committed);
        }
        catch (Exception e) when (e is LibGit2SharpException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    public string? CommitOf(string absolutePath)
    {
        var relative = Path.GetRelativePath(_root, absolutePath).Replace(Path.DirectorySeparatorChar, '/');
        return _committed.Contains(relative) ? _head : null;
    }

    /// <summary>Every blob of the tree not in <paramref name="changed"/>; iterative, so a tree nested thousands deep is no stack overflow.</summary>
    private static void AddBlobs(Tree tree, string prefix, HashSet<string> changed, HashSet<string> committed)
    {
        var pending = new Stack<(Tree Tree, string Prefix)>([(tree, prefix)]);
        while (pending.TryPop(out var next))
        {
            foreach (var entry in next.Tree)
            {
                if (entry.TargetType == TreeEntryTargetType.Tree)
                {
                    pending.Push(((Tree)entry.Target, next.Prefix + entry.Name + "/"));
                }
                else if (entry.TargetType == TreeEntryTargetType.Blob && !changed.Contains(next.Prefix + entry.Name))
                {
                    committed.Add(next.Prefix + entry.Name);
                }
            }
        }
    }
}
