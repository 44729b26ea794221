using Auditor.Core.Evidence;
using LibGit2Sharp;

namespace Auditor.Evidence.Git;

/// <summary>
/// Collects facts about the git repository that contains the audited folder. Reads only: status is
/// computed without refreshing the index, and no lock file is taken. A repository with a file over its
/// <see cref="GitFileLimits"/> bound is not opened: the collection fails naming the file and its size.
/// </summary>
public static class GitRepositoryCollector
{
    /// <summary>Dirty paths kept as evidence; the flag itself counts them all.</summary>
    public const int DirtyFileCap = 50;

    public static Collected<RepositoryEvidence> Collect(string projectPath) => Collect(projectPath, GitCollectionOptions.Default);

    public static Collected<RepositoryEvidence> Collect(string projectPath, GitCollectionOptions options)
    {
        string? gitDirectory;
        try
        {
            gitDirectory = GuardedRepository.Discover(projectPath, options.Files);
        }
        catch (GitFileTooLargeException e)
        {
            return Collected<RepositoryEvidence>.Failed(e.Message);
        }
        catch (Exception e) when (e is LibGit2SharpException or IOException or UnauthorizedAccessException)
        {
            return Collected<RepositoryEvidence>.Failed($"{projectPath}: {e.Message}");
        }

        if (gitDirectory is null)
        {
            return Collected<RepositoryEvidence>.Absent($"{projectPath} is not inside a git repository");
        }

        try
        {
            using var repository = new Repository(gitDirectory);
            return Collected<RepositoryEvidence>.Present(Describe(repository, projectPath, options));
        }
        catch (LibGit2SharpException e)
        {
            return Collected<RepositoryEvidence>.Failed($"{gitDirectory}: the repository could not be read: {e.Message}");
        }
    }

    private static RepositoryEvidence Describe(Repository repository, string projectPath, GitCollectionOptions options)
    {
        var root = Path.GetFullPath(repository.Info.WorkingDirectory ?? repository.Info.Path);
        var head = repository.Head.Tip;
        var dirty = repository.Info.IsBare
            ? []
            : repository.RetrieveStatus(new StatusOptions { IncludeIgnored = false, IncludeUntracked = true, RecurseUntrackedDirs = false })
                .Where(e => e.State != FileStatus.Ignored)
                .Select(e => e.FilePath)
                .ToList();
        var recent = RecentActivity.Measure(repository, head, options);
        var (largeBlobs, largeBlobScanComplete) = LargeBlobScanner.Scan(repository, options);
        return new RepositoryEvidence
        {
            Root = root.TrimEnd(Path.DirectorySeparatorChar),
            ProjectPath = Path.GetRelativePath(root, Path.GetFullPath(projectPath)) is var relative && relative == "." ? "" : relative.Replace(Path.DirectorySeparatorChar, '/'),
            Head = head?.Sha,
            HeadTime = head?.Committer.When,
            Branch = repository.Info.IsHeadDetached || head is null && repository.Head.FriendlyName is null ? null : repository.Head.FriendlyName,
            Detached = repository.Info.IsHeadDetached,
            Dirty = dirty.Count > 0,
            DirtyFiles = dirty.Take(DirtyFileCap).ToList(),
            Shallow = repository.Info.IsShallow,
            CommitCount = head is null ? 0 : repository.Commits.QueryBy(new CommitFilter { IncludeReachableFrom = head }).Count(),
            DirtyFileCount = dirty.Count,
            Remotes = repository.Network.Remotes.Select(r => new GitRemote(r.Name, RemoteUrls.Strip(r.Url))).OrderBy(r => r.Name, StringComparer.Ordinal).ToList(),
            Tags = repository.Tags.Select(t => t.FriendlyName).Order(StringComparer.Ordinal).ToList(),
            RecentSince = recent?.Since,
            RecentCommits = recent?.Commits ?? 0,
            RecentAuthors = recent?.Authors ?? 0,
            LargeBlobs = largeBlobs,
            LargeBlobScanComplete = largeBlobScanComplete,
        };
    }
}
