using LibGit2Sharp;

namespace Auditor.Evidence.Git;

/// <summary>Commits and distinct authors reachable from HEAD within the recent window.</summary>
internal sealed record RecentActivity(DateTimeOffset Since, int Commits, int Authors)
{
    private const int SkewTolerance = 1_000;

    public static RecentActivity? Measure(Repository repository, Commit? head, GitCollectionOptions options)
    {
        if (head is null)
        {
            return null;
        }

        var since = (options.Now ?? head.Committer.When) - options.RecentWindow;
        var commits = 0;
        var olderInARow = 0;
        var authors = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var commit in repository.Commits.QueryBy(new CommitFilter { IncludeReachableFrom = head, SortBy = CommitSortStrategies.Time }))
        {
            if (commit.Committer.When < since)
            {
                // Time order: once a long run of commits is older than the window, the rest are too
                // (the run tolerates clock skew between branches).
                if (++olderInARow == SkewTolerance)
                {
                    break;
                }

                continue;
            }

            olderInARow = 0;
            commits++;
            authors.Add(commit.Author.Email);
        }

        return new RecentActivity(since, commits, authors.Count);
    }
}
