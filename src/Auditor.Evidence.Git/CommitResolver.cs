using Auditor.Core.Evidence;
using LibGit2Sharp;

namespace Auditor.Evidence.Git;

/// <summary>
/// Resolves the commit SHAs recorded on runs against the repository. Reachability is computed once by
/// walking every branch and tag, then looked up per commit. In a shallow clone an absent commit is unknown.
/// </summary>
public static class CommitResolver
{
    private const int FullLength = 40;

    /// <summary>Resolves against the repository that contains <paramref name="projectPath"/>.</summary>
    public static Collected<IReadOnlyList<CommitResolution>> Collect(string projectPath, IEnumerable<string> shas)
    {
        try
        {
            var gitDirectory = GuardedRepository.Discover(projectPath);
            if (gitDirectory is null)
            {
                return Collected<IReadOnlyList<CommitResolution>>.Absent($"{projectPath} is not inside a git repository");
            }

            using var repository = new Repository(gitDirectory);
            return Collected<IReadOnlyList<CommitResolution>>.Present(Resolve(repository, shas));
        }
        catch (Exception e) when (e is LibGit2SharpException or IOException or UnauthorizedAccessException)
        {
            return Collected<IReadOnlyList<CommitResolution>>.Failed($"{projectPath}: commits could not be resolved: {e.Message}");
        }
    }

    public static IReadOnlyList<CommitResolution> Resolve(Repository repository, IEnumerable<string> shas)
    {
        var shallow = repository.Info.IsShallow;
        var found = shas.Distinct(StringComparer.OrdinalIgnoreCase).Select(sha => (Sha: sha, Commit: Find(repository, sha))).ToList();
        var reachable = Reachable(repository, found.Where(f => f.Commit is not null).Select(f => f.Commit!.Id));
        return found.Select(f => f.Commit is { } commit
                ? new CommitResolution
                {
                    Sha = f.Sha,
                    State = CommitPresence.Present,
                    Reachable = reachable.Contains(commit.Id),
                    Time = commit.Committer.When,
                    Message = commit.MessageShort,
                }
                : new CommitResolution
                {
                    Sha = f.Sha,
                    State = !IsCommitId(f.Sha) ? CommitPresence.Missing : shallow ? CommitPresence.Unknown : CommitPresence.Missing,
                    Detail = !IsCommitId(f.Sha) ? "not a commit id" : shallow ? ShallowClone.CommitBeyondHistory : null,
                })
            .ToList();
    }

    private static Commit? Find(Repository repository, string sha)
    {
        if (!IsCommitId(sha))
        {
            return null;
        }

        // Git's ids are lowercase; a recorded SHA with capitals (hand-edited, or corrupted) still names the same object.
        var id = sha.ToLowerInvariant();
        if (id.Length == FullLength)
        {
            return repository.Lookup(new ObjectId(id), ObjectType.Commit) as Commit;
        }

        try
        {
            return repository.Lookup(id, ObjectType.Commit) as Commit;
        }
        catch (AmbiguousSpecificationException)
        {
            return null;
        }
    }

    private static bool IsCommitId(string sha) =>
        sha.Length is >= 7 and <= FullLength && sha.All(char.IsAsciiHexDigit);

    /// <summary>
    /// Which of <paramref name="targets"/> are reachable from a branch or tag: one walk over the history,
    /// stopped as soon as every target has been seen.
    /// </summary>
    private static HashSet<ObjectId> Reachable(Repository repository, IEnumerable<ObjectId> targets)
    {
        var pending = targets.ToHashSet();
        var reachable = new HashSet<ObjectId>();
        if (pending.Count == 0)
        {
            return reachable;
        }

        var filter = new CommitFilter { IncludeReachableFrom = HistoryRefs.All(repository), SortBy = CommitSortStrategies.None };
        foreach (var commit in repository.Commits.QueryBy(filter))
        {
            if (pending.Remove(commit.Id))
            {
                reachable.Add(commit.Id);
                if (pending.Count == 0)
                {
                    break;
                }
            }
        }

        return reachable;
    }
}
