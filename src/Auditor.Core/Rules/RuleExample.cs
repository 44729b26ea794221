namespace Auditor.Core.Rules;

/// <summary>Facts that must give <paramref name="Expected"/> when the rule judges them; facts left out are unknown.</summary>
public sealed record RuleExample(Outcome Expected, IReadOnlyDictionary<string, FactValue> Facts)
{
    /// <summary>A person's answer that comes with the facts, for rules that may be attested.</summary>
    public Assessment.AttestationAnswer? Attested { get; init; }

    public FactSheet ToFactSheet() => new(Facts.Select(f => Fact.Known(f.Key, f.Value)));
}
