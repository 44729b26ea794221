using Auditor.Core.Evidence;
using Auditor.Core.Rules;

namespace Auditor.Core.Facts;

/// <summary>Facts about the repository's history and about the commits runs record.</summary>
public sealed class HistoryFacts : IFactProvider
{
    private static readonly FactDescriptor LargeFiles = new("repository.largeFilesInHistory", "number", "Files anywhere in the history reachable from a branch or tag that are over 10 MB, or model/data files (*.pkl, *.joblib, *.onnx, *.h5, *.pt, *.bin, *.parquet, ...), or tabular files over 1 MB; Git LFS pointers excluded. Only the 5,000 most recent commits are scanned; the evidence says when history was cut.");
    private static readonly FactDescriptor RecentCommits = new("repository.recentCommits", "number", "Commits reachable from HEAD in the 90 days before HEAD's commit time.");
    private static readonly FactDescriptor RecentAuthors = new("repository.recentAuthors", "number", "Distinct author e-mails among repository.recentCommits.");
    private static readonly FactDescriptor CommitsMissing = new("runs.commitsMissing", "number", "Distinct commits recorded on runs that the repository does not hold (a full clone: rewritten or never pushed). Commits absent from a shallow clone are unknown and not counted.");
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

        yield return Fact.Known(LargeFiles.Name, FactValue.Of(repo.LargeBlobs.Count), largeFiles);
        yield return Fact.Known(RecentCommits.Name, FactValue.Of(repo.RecentCommits), [new("repository", repo.Root, $"since {repo.RecentSince:yyyy-MM-dd}")]);
        yield return Fact.Known(RecentAuthors.Name, FactValue.Of(repo.RecentAuthors));
    }

    private static IEnumerable<Fact> Commits(IReadOnlyList<CommitResolution> commits)
    {
        var missing = commits.Where(c => c.State == CommitPresence.Missing).ToList();
        var unknown = commits.Where(c => c.State == CommitPresence.Unknown).ToList();
        yield return Fact.Known(CommitsMissing.Name, FactValue.Of(missing.Count), missing.Select(c => new EvidenceRef("commit", c.Sha, c.Detail ?? "not in the repository")).ToList());
        yield return Fact.Known(CommitsUnknown.Name, FactValue.Of(unknown.Count), unknown.Select(c => new EvidenceRef("commit", c.Sha, c.Detail)).ToList());
    }
}
