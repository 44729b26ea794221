using Auditor.Core.Evidence;

namespace Auditor.Core.Rules;

/// <summary>
/// A named fact derived from the evidence, with the evidence behind it. A fact whose evidence
/// could not be gathered has no value and says why. A fact only partly checked on this checkout
/// (a shallow clone, a file over a limit) is bounded: <see cref="Value"/> is the lowest it can be,
/// <see cref="Upper"/> the highest, and a comparison the bounds disagree on is unknown.
/// </summary>
public sealed record Fact
{
    public required string Name { get; init; }

    /// <summary>The value; for a bounded fact, its lower bound.</summary>
    public FactValue? Value { get; init; }

    /// <summary>The highest the value can be once everything is checked; null when the value is exact.</summary>
    public FactValue? Upper { get; init; }

    /// <summary>Why the value is unknown, or (for a bounded fact) what could not be checked and how to fix that; null when exact.</summary>
    public string? UnknownReason { get; init; }

    public IReadOnlyList<EvidenceRef> Evidence { get; init; } = [];

    public static Fact Known(string name, FactValue value, IReadOnlyList<EvidenceRef>? evidence = null) =>
        new() { Name = name, Value = value, Evidence = evidence ?? [] };

    public static Fact Unknown(string name, string reason) => new() { Name = name, UnknownReason = reason };

    /// <summary>A number known to lie between <paramref name="lower"/> and <paramref name="upper"/>; exact when they are equal.</summary>
    public static Fact Bounded(string name, double lower, double upper, string reason, IReadOnlyList<EvidenceRef>? evidence = null) =>
        lower == upper
            ? Known(name, FactValue.Of(lower), evidence)
            : new() { Name = name, Value = FactValue.Of(lower), Upper = FactValue.Of(upper), UnknownReason = reason, Evidence = evidence ?? [] };
}
