using Auditor.Core.Evidence;
using Auditor.Core.Rules;

namespace Auditor.Core.Facts;

/// <summary>Derives named facts from one part of the evidence.</summary>
public interface IFactProvider
{
    IReadOnlyList<FactDescriptor> Descriptors { get; }

    /// <summary>One fact for every descriptor, known or unknown.</summary>
    IEnumerable<Fact> Derive(EvidenceBundle evidence);
}
