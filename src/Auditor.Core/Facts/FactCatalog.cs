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

    /// <summary>
    /// Every provider's facts, in the providers' order. The providers only read the evidence, so each derives on a
    /// thread of its own: on a large store the run and secret facts are most of the audit's work after the read.
    /// </summary>
    public static FactSheet Build(EvidenceBundle evidence)
    {
        var derived = new List<Fact>[Providers.Length];
        Parallel.For(0, Providers.Length, i => derived[i] = Providers[i].Derive(evidence).ToList());
        return new(derived.SelectMany(facts => facts));
    }
}
