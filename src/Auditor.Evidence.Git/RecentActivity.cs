using LibGit2Sharp;

namespace Auditor.Evidence.Git;

/// <summary>Commits and distinct authors reachable from HEAD within the recent window.</summary>
internal sealed record RecentActivity(DateTimeOffset Since, int Commits, int Authors)
{
    public static RecentActivity? Measure(Repository repository, Commit? head, GitCollectionOptions options)
    {
        if (head is null)
        {
            return null;
        }

        var since = (options.Now ?? head.Committer.When) - options.RecentWindow;
        var commits = 0;
        var authors = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var commit in repository.Commits.QueryBy(new CommitFilter { IncludeReachableFrom = head, SortBy = CommitSortStrategies.Time }))
        {
            if (commit.Committer.When < since)
            {
                continue;
            }

            commits++;
            authors.Add(commit.Author.Email);
        }

        return new RecentActivity(since, commits, authors.Count);
    }
}
