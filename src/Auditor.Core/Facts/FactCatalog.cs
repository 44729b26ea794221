using Auditor.Core.Evidence;
using Auditor.Core.Rules;

namespace Auditor.Core.Facts;

/// <summary>Every fact mlaudit derives. Rule files may reference these names and no others.</summary>
public static class FactCatalog
{
    private static readonly IFactProvider[] Providers =
        [new RepositoryFacts(), new RunFacts(), new RegistryFacts(), new SecretFacts(), new TraceFacts(), new HistoryFacts(), new ProjectFacts(), new GenAiFacts()];

    public static IReadOnlyList<FactDescriptor> Descriptors { get; } =
        Providers.SelectMany(p => p.Descriptors).OrderBy(d => d.Name, StringComparer.Ordinal).ToList();

    public static bool IsKnown(string name) => Descriptors.Any(d => d.Name == name);

    public static FactSheet Build(EvidenceBundle evidence) =>
        new(Providers.SelectMany(p => p.Derive(evidence)));
}
