using Auditor.Core.Evidence;
using Auditor.Core.Rules;

namespace Auditor.Core.Facts;

/// <summary>Facts that depend on one collector's result.</summary>
internal static class CollectedFacts
{
    /// <summary>The facts for present evidence, or each fact unknown with the collector's reason.</summary>
    public static IEnumerable<Fact> FromPresent<T>(
        Collected<T> collected,
        IEnumerable<FactDescriptor> descriptors,
        Func<T, IEnumerable<Fact>> derive)
        where T : class =>
        collected is { State: CollectionState.Present, Value: { } value }
            ? derive(value)
            : descriptors.Select(d => Fact.Unknown(d.Name, collected.Reason ?? "the evidence was not collected"));
}
