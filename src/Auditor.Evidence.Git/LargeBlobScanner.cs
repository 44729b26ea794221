using Auditor.Core.Evidence;
using LibGit2Sharp;

namespace Auditor.Evidence.Git;

/// <summary>
/// Finds large or model/data blobs anywhere in the history reachable from any reference: each commit is
/// diffed natively against its first parent, so only the files it adds or changes are looked at.
/// </summary>
internal static class LargeBlobScanner
{
    private const int LfsPointerMaxBytes = 1024;

    /// <summary>The blobs found, and whether every reachable commit was scanned.</summary>
    public static (IReadOnlyList<LargeBlob> Found, bool Complete) Scan(Repository repository, GitCollectionOptions options)
    {
        var found = new List<LargeBlob>();
        var seenBlobs = new HashSet<ObjectId>();
        var scanned = 0;
        var compare = new CompareOptions { Similarity = SimilarityOptions.None, ContextLines = 0, IncludeUnmodified = false };
        foreach (var commit in repository.Commits.QueryBy(new CommitFilter { IncludeReachableFrom = HistoryRefs.All(repository), SortBy = CommitSortStrategies.Time }))
        {
            if (scanned++ == options.LargeBlobMaxCommits || found.Count >= options.LargeBlobCap)
            {
                return (found, false);
            }

            var changes = repository.Diff.Compare<TreeChanges>(commit.Parents.FirstOrDefault()?.Tree, commit.Tree, compare);
            foreach (var change in changes.Added.Concat(changes.Modified).Concat(changes.TypeChanged))
            {
                if (change.Mode is Mode.NonExecutableFile or Mode.ExecutableFile && seenBlobs.Add(change.Oid) && found.Count < options.LargeBlobCap
                    && Classify(repository, change.Oid, change.Path, options, out var size) is { } reason)
                {
                    found.Add(new LargeBlob(change.Path, size, commit.Sha, reason));
                }
            }
        }

        return (found, true);
    }

    private static string? Classify(Repository repository, ObjectId blob, string path, GitCollectionOptions options, out long size)
    {
        size = repository.ObjectDatabase.RetrieveObjectMetadata(blob).Size;
        if (size > options.LargeBlobBytes)
        {
            return "size";
        }

        if (ModelFileNames.IsTabular(path) && size > options.LargeDataFileBytes)
        {
            return "model-or-data";
        }

        return ModelFileNames.IsModelOrData(path) && !IsLfsPointer(repository, blob, size) ? "model-or-data" : null;
    }

    private static bool IsLfsPointer(Repository repository, ObjectId blob, long size) =>
        size < LfsPointerMaxBytes && repository.Lookup<Blob>(blob).GetContentText().StartsWith("version https://git-lfs", StringComparison.Ordinal);
}
