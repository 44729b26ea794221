using Auditor.Core.Evidence;
using Auditor.Core.Rules;

namespace Auditor.Core.Facts;

/// <summary>Facts about the repository's history and about the commits runs record.</summary>
public sealed class HistoryFacts : IFactProvider
{
    private static readonly FactDescriptor LargeFiles = new("repository.largeFilesInHistory", "number", "Files anywhere in the history reachable from a branch or tag that are over 10 MB, or model/data files (*.pkl, *.joblib, *.onnx, *.h5, *.pt, *.bin, *.parquet, ...), or tabular files over 1 MB; Git LFS pointers excluded. Only the 5,000 most recent commits are scanned; the evidence says when history was cut.");
    private static readonly FactDescriptor RecentCommits = new("repository.recentCommits", "number", "Commits reachable from HEAD in the 90 days before HEAD's commit time.");
    private static readonly FactDescriptor RecentAuthors = new("repository.recentAuthors", "number", "Distinct author e-mails among repository.recentCommits.");
    private static readonly FactDescriptor CommitsMissing = new("runs.commitsMissing", "number", "Distinct commits recorded on runs that the repository does not hold (a full clone: rewritten or never pushed). Commits absent from a shallow clone may be missing or not: the value is then bounded (between the known missing and those plus the unknown), so a check it decides either way is unknown.");
    private static readonly FactDescriptor CommitsUnknown = new("runs.commitsUnknown", "number", "Distinct commits recorded on runs whose presence cannot be told (absent from a shallow clone).");

    public IReadOnlyList<FactDescriptor> Descriptors { get; } = [LargeFiles, RecentCommits, RecentAuthors, CommitsMissing, CommitsUnknown];

    public IEnumerable<Fact> Derive(EvidenceBundle evidence) =>
        CollectedFacts.FromPresent(evidence.Repository, [LargeFiles, RecentCommits, RecentAuthors], Repository)
            .Concat(evidence.Tracking.State == CollectionState.Partial
                ? [Fact.Unknown(CommitsMissing.Name, TrackingFactProvider.PartlyRead(evidence.Tracking.Reason)), Fact.Unknown(CommitsUnknown.Name, TrackingFactProvider.PartlyRead(evidence.Tracking.Reason))]
                : CollectedFacts.FromPresent(evidence.Commits, [CommitsMissing, CommitsUnknown], Commits));

    private static IEnumerable<Fact> Repository(RepositoryEvidence repo)
    {
        var largeFiles = repo.LargeBlobs.Select(b => new EvidenceRef("file", b.Path, $"{b.Size} bytes, {b.Reason}, in commit {b.Commit}")).ToList();
        if (!repo.LargeBlobScanComplete)
        {
            largeFiles.Add(new EvidenceRef("repository", repo.Root, "older history was not scanned"));
        }

        // What lies beyond a shallow clone's history, or beyond the scan's cap, could add to these counts: at least what was seen.
        var cut = repo.Shallow ? ShallowClone.HistoryCut : null;
        var blobCut = cut ?? (repo.LargeBlobScanComplete ? null : "only the most recent commits were scanned (a limit of mlaudit); older history may hold more");
        yield return AtLeast(LargeFiles.Name, repo.LargeBlobs.Count, blobCut, largeFiles);
        yield return AtLeast(RecentCommits.Name, repo.RecentCommits, cut, [new("repository", repo.Root, $"since {repo.RecentSince:yyyy-MM-dd}")]);
        yield return AtLeast(RecentAuthors.Name, repo.RecentAuthors, cut, []);
    }

    /// <summary>A count that is exact, or, when <paramref name="cut"/> says why part of the history was not seen, at least what was seen.</summary>
    private static Fact AtLeast(string name, int seen, string? cut, IReadOnlyList<EvidenceRef> evidence) =>
        cut is null ? Fact.Known(name, FactValue.Of(seen), evidence) : Fact.Bounded(name, seen, double.PositiveInfinity, cut, evidence);

    private static IEnumerable<Fact> Commits(IReadOnlyList<CommitResolution> commits)
    {
        var missing = commits.Where(c => c.State == CommitPresence.Missing).ToList();
        var unknown = commits.Where(c => c.State == CommitPresence.Unknown).ToList();
        var missingRefs = missing.Select(c => new EvidenceRef("commit", c.Sha, c.Detail ?? "not in the repository")).ToList();
        yield return unknown.Count == 0
            ? Fact.Known(CommitsMissing.Name, FactValue.Of(missing.Count), missingRefs)
            : Fact.Bounded(CommitsMissing.Name, missing.Count, missing.Count + unknown.Count,
                $"{unknown.Count} commit(s) recorded on runs could not be checked: {unknown[0].Detail ?? "their presence is unknown"}",
                [.. missingRefs, .. unknown.Select(c => new EvidenceRef("commit", c.Sha, "could not be checked: " + (c.Detail ?? "unknown")))]);
        yield return Fact.Known(CommitsUnknown.Name, FactValue.Of(unknown.Count), unknown.Select(c => new EvidenceRef("commit", c.Sha, c.Detail)).ToList());
    }
}
