using Auditor.Core.Evidence;
using LibGit2Sharp;

namespace Auditor.Evidence.Git;

/// <summary>
/// Finds large or model/data blobs anywhere in the history reachable from any reference. Each tree and
/// blob is visited once, so the cost follows the number of distinct trees, not commits times files.
/// </summary>
internal static class LargeBlobScanner
{
    private const int LfsPointerMaxBytes = 1024;

    public static IReadOnlyList<LargeBlob> Scan(Repository repository, GitCollectionOptions options)
    {
        var found = new List<LargeBlob>();
        var seenTrees = new HashSet<ObjectId>();
        var seenBlobs = new HashSet<ObjectId>();
        foreach (var commit in repository.Commits.QueryBy(new CommitFilter { IncludeReachableFrom = HistoryRefs.All(repository), SortBy = CommitSortStrategies.Time }))
        {
            Visit(repository, commit.Tree, "", commit.Sha, seenTrees, seenBlobs, found, options);
            if (found.Count >= options.LargeBlobCap)
            {
                break;
            }
        }

        return found;
    }

    private static void Visit(Repository repository, Tree tree, string prefix, string commit, HashSet<ObjectId> seenTrees,
        HashSet<ObjectId> seenBlobs, List<LargeBlob> found, GitCollectionOptions options)
    {
        if (!seenTrees.Add(tree.Id))
        {
            return;
        }

        foreach (var entry in tree)
        {
            var path = prefix + entry.Name;
            if (entry.TargetType == TreeEntryTargetType.Tree)
            {
                Visit(repository, (Tree)entry.Target, path + "/", commit, seenTrees, seenBlobs, found, options);
            }
            else if (entry.TargetType == TreeEntryTargetType.Blob && seenBlobs.Add(entry.Target.Id) && found.Count < options.LargeBlobCap)
            {
                var reason = Classify(repository, entry, path, options, out var size);
                if (reason is not null)
                {
                    found.Add(new LargeBlob(path, size, commit, reason));
                }
            }
        }
    }

    private static string? Classify(Repository repository, TreeEntry entry, string path, GitCollectionOptions options, out long size)
    {
        size = repository.ObjectDatabase.RetrieveObjectMetadata(entry.Target.Id).Size;
        if (size > options.LargeBlobBytes)
        {
            return "size";
        }

        if (ModelFileNames.IsTabular(path) && size > options.LargeDataFileBytes)
        {
            return "model-or-data";
        }

        return ModelFileNames.IsModelOrData(path) && !IsLfsPointer((Blob)entry.Target, size) ? "model-or-data" : null;
    }

    private static bool IsLfsPointer(Blob blob, long size) =>
        size < LfsPointerMaxBytes && blob.GetContentText().StartsWith("version https://git-lfs", StringComparison.Ordinal);
}
