using Auditor.Core.Evidence;

namespace Auditor.Core.Rules;

/// <summary>
/// A named fact derived from the evidence, with the evidence behind it. A fact whose evidence
/// could not be gathered has no value and says why.
/// </summary>
public sealed record Fact
{
    public required string Name { get; init; }

    public FactValue? Value { get; init; }

    /// <summary>Why the value is unknown; null when it is known.</summary>
    public string? UnknownReason { get; init; }

    public IReadOnlyList<EvidenceRef> Evidence { get; init; } = [];

    public static Fact Known(string name, FactValue value, IReadOnlyList<EvidenceRef>? evidence = null) =>
        new() { Name = name, Value = value, Evidence = evidence ?? [] };

    public static Fact Unknown(string name, string reason) => new() { Name = name, UnknownReason = reason };
}
