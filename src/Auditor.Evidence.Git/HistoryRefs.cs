using LibGit2Sharp;

namespace Auditor.Evidence.Git;

/// <summary>The references whose history counts: local and remote branches and tags (not stashes or notes).</summary>
internal static class HistoryRefs
{
    public static IEnumerable<Reference> All(Repository repository) =>
        repository.Refs.Where(r => r.CanonicalName.StartsWith("refs/heads/", StringComparison.Ordinal)
            || r.CanonicalName.StartsWith("refs/remotes/", StringComparison.Ordinal)
            || r.CanonicalName.StartsWith("refs/tags/", StringComparison.Ordinal))
            .Where(r => r.ResolveToDirectReference() is not null)
            .ToList();
}
