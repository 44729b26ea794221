namespace Auditor.Core.Rules;

/// <summary>Facts that must give <paramref name="Expected"/> when the rule judges them; facts left out are unknown.</summary>
public sealed record RuleExample(Outcome Expected, IReadOnlyDictionary<string, FactValue> Facts)
{
    public FactSheet ToFactSheet() => new(Facts.Select(f => Fact.Known(f.Key, f.Value)));
}
