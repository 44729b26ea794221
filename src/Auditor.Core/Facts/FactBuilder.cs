using Auditor.Core.Evidence;
using Auditor.Core.Rules;

namespace Auditor.Core.Facts;

/// <summary>Helpers shared by fact providers: shares with the offenders as evidence.</summary>
internal static class FactBuilder
{
    public static double Share(int part, int whole) => whole == 0 ? 0 : (double)part / whole;

    /// <summary>
    /// The share of <paramref name="items"/> that satisfy <paramref name="good"/>, with the others as evidence;
    /// unknown when there is nothing to measure.
    /// </summary>
    public static Fact Share<T>(FactDescriptor descriptor, IReadOnlyCollection<T> items, Func<T, bool> good, Func<T, EvidenceRef> offender, string nothingToMeasure)
    {
        if (items.Count == 0)
        {
            return Fact.Unknown(descriptor.Name, nothingToMeasure);
        }

        var bad = items.Where(i => !good(i)).ToList();
        return Fact.Known(descriptor.Name, FactValue.Of(Share(items.Count - bad.Count, items.Count)), bad.Select(offender).ToList());
    }

    /// <summary>
    /// The share of <paramref name="items"/> that match <paramref name="counted"/>, with those items as evidence
    /// (for shares where the matches are the problem, such as failed runs).
    /// </summary>
    public static Fact ShareOf<T>(FactDescriptor descriptor, IReadOnlyCollection<T> items, Func<T, bool> counted, Func<T, EvidenceRef> evidence, string nothingToMeasure)
    {
        if (items.Count == 0)
        {
            return Fact.Unknown(descriptor.Name, nothingToMeasure);
        }

        var matches = items.Where(counted).ToList();
        return Fact.Known(descriptor.Name, FactValue.Of(Share(matches.Count, items.Count)), matches.Select(evidence).ToList());
    }

    public static Fact Count<T>(FactDescriptor descriptor, IReadOnlyCollection<T> items, Func<T, EvidenceRef> evidence) =>
        Fact.Known(descriptor.Name, FactValue.Of(items.Count), items.Select(evidence).ToList());
}
