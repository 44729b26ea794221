using Auditor.Core.Evidence;
using Auditor.Core.Rules;

namespace Auditor.Core.Facts;

/// <summary>Facts about the git repository.</summary>
public sealed class RepositoryFacts : IFactProvider
{
    private static readonly FactDescriptor Present = new("repository.present", "bool", "The project is inside a git repository.");
    private static readonly FactDescriptor Dirty = new("repository.dirty", "bool", "The working tree has uncommitted changes.");
    private static readonly FactDescriptor Commits = new("repository.commits", "number", "Commits reachable from HEAD.");

    public IReadOnlyList<FactDescriptor> Descriptors { get; } = [Present, Dirty, Commits];

    public IEnumerable<Fact> Derive(EvidenceBundle evidence)
    {
        var repository = evidence.Repository;
        yield return repository.State switch
        {
            CollectionState.Present => Fact.Known(Present.Name, FactValue.Of(true), [new("repository", repository.Value!.Root, repository.Value.Head)]),
            CollectionState.Absent => Fact.Known(Present.Name, FactValue.Of(false), [new("repository", evidence.ProjectPath, repository.Reason)]),
            _ => Fact.Unknown(Present.Name, repository.Reason ?? "the repository could not be read"),
        };

        foreach (var fact in CollectedFacts.FromPresent(repository, [Dirty, Commits], Describe))
        {
            yield return fact;
        }
    }

    private static IEnumerable<Fact> Describe(RepositoryEvidence repo)
    {
        yield return Fact.Known(Dirty.Name, FactValue.Of(repo.Dirty), repo.DirtyFiles.Select(f => new EvidenceRef("file", f, "uncommitted")).ToList());
        yield return Fact.Known(Commits.Name, FactValue.Of(repo.CommitCount));
    }
}
